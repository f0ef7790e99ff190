// What other areas may use of audit: the audit trail page and the tamper alarm banner (the shell shows it to admins).
export { AuditPage } from './AuditPage';
export { TamperBanner } from './TamperBanner';
