// What other areas may use of the audit trail: its chain head (setup starts the chain), appending to it and the
// workstation's witness check (the transports' periodic watch).
export { AuditHeadEntity } from './audit.entity';
export { appendAudit } from './audit-chain';
export { checkWitness } from './audit-anchors';
