// What other areas may use of the audit trail: its chain head (setup starts the chain).
export { AuditHeadEntity } from './audit.entity';
