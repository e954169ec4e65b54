// Reading audit rows straight from the drivers, shared by the page reader (audit-reader.ts)
// and the verification workers (audit-verify-worker.mjs), which load plain JavaScript only.
// Their instants are read with db-instants.mjs.

/** The columns in the order both readers expect them (rows are read as arrays). */
export const AUDIT_COLUMNS = `"seq", "at", "actorId", "action", "subjectId", "orgId", "outcome", "detail", "prevHash", "hash"`;
