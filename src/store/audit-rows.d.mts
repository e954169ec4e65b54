/** The AuditEntry columns in the order the raw readers return them. */
export const AUDIT_COLUMNS: string;
