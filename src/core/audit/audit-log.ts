// Append-only, hash-chained audit log. Each entry's hash covers its own fields and the
// previous entry's hash, so editing, deleting or reordering any entry breaks the chain
// from that point on. Entries hold member ids, never platform ids or message text.
import { createHash } from 'node:crypto';
import type { AuditRecord, AuditRepo } from '../ports.js';

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

export function entryHash(entry: Omit<AuditRecord, 'hash'>): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.action,
    entry.subjectId,
    entry.orgId,
    entry.outcome,
    entry.detail,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry. Call inside the transaction that makes the change it records. */
export async function appendAudit(repo: AuditRepo, event: AuditEvent, now: Date): Promise<AuditRecord> {
  await repo.lockChain();
  const last = await repo.last();
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
