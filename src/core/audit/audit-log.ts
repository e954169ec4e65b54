// Append-only, hash-chained audit log. Each entry's hash covers its own fields and the
// previous entry's hash, so editing, deleting or reordering any entry breaks the chain
// from that point on. Entries hold member ids, never platform ids or message text.
import type { AuditRecord, AuditRepo } from '../ports.js';
import { entryHashOf } from './entry-hash.mjs';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actorId: string | null;
  action: string;
  subjectId?: string | null;
  orgId?: string | null;
  outcome?: 'ok' | 'denied' | 'error';
  /** Small structured facts (ids, role names, reasons); never message bodies. */
  detail?: Record<string, unknown>;
}

/** SHA-256 of the entry's canonical form (entry-hash.mjs, shared with the verification workers). */
export function entryHash(entry: Omit<AuditRecord, 'hash'>): string {
  return entryHashOf(
    entry.seq,
    entry.at.getTime(),
    entry.actorId,
    entry.action,
    entry.subjectId,
    entry.orgId,
    entry.outcome,
    entry.detail,
    entry.prevHash,
  );
}

/** Appends one entry. Call inside the transaction that makes the change it records. */
export async function appendAudit(repo: AuditRepo, event: AuditEvent, now: Date): Promise<AuditRecord> {
  await repo.lockChain();
  // The head, not the newest row, decides where the chain continues: deleting entries at
  // the end must leave a gap that verification keeps finding, not a place to write over.
  const last = (await repo.head()) ?? (await repo.last());
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: now,
    actorId: event.actorId,
    action: event.action,
    subjectId: event.subjectId ?? null,
    orgId: event.orgId ?? null,
    outcome: event.outcome ?? 'ok',
    detail: JSON.stringify(event.detail ?? {}),
    prevHash: last?.hash ?? GENESIS_HASH,
  } satisfies Omit<AuditRecord, 'hash'>;
  const record: AuditRecord = { ...base, hash: entryHash(base) };
  await repo.insert(record);
  return record;
}
