// What other areas may use of audit: the audit trail page.
export { AuditPage } from './AuditPage';
