// An audit entry's canonical form and its SHA-256, in plain JavaScript: the app hashes
// with it (audit-log.ts) and so do the verification workers (store/audit-verify-worker.mjs),
// which load it as it is, under tsx, vitest or the dist/ bundle alike.
import { hash } from 'node:crypto';

/** A string field with its length, so no two different entries can share a canonical form. */
function field(value) {
  return value === null ? '~' : `${value.length}:${value}`;
}

/**
 * Kept cheap on purpose (plain concatenation and the one-shot hash): verification
 * recomputes it for every entry of a long chain.
 */
export function entryHashOf(seq, atMs, actorId, action, subjectId, orgId, outcome, detail, prevHash) {
  const canonical = `v1|${seq}|${atMs}|${field(actorId)}|${field(action)}|${field(subjectId)}|${field(orgId)}|${field(outcome)}|${field(detail)}|${prevHash}`;
  return hash('sha256', canonical, 'hex');
}
