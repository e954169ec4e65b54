// Verifies the whole audit chain, streaming it in pages so memory stays flat however long
// the log is. It names the first broken entry: a deleted entry (a gap in the sequence or
// a missing tail, caught by the chain head), an edited entry (its hash no longer matches
// its contents) or a replaced one (it no longer links to the entry before it).
import type { Services } from '../../services.js';
import type { AuditRecord, AuditRepo } from '../ports.js';
import { appendAudit, entryHash, GENESIS_HASH } from './audit-log.js';

export type ChainProblemKind = 'missing' | 'edited' | 'unlinked' | 'truncated' | 'unrecorded';

export interface ChainProblem {
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Entries checked (up to the first problem). */
  checked: number;
  lastSeq: number;
  problem: ChainProblem | null;
}

export const VERIFY_PAGE_SIZE = 5000;

function check(entry: AuditRecord, expectedSeq: number, prevHash: string): ChainProblem | null {
  if (entry.seq !== expectedSeq) {
    const gap = entry.seq - expectedSeq;
    return {
      seq: expectedSeq,
      kind: 'missing',
      message:
        gap === 1
          ? `entry #${expectedSeq} is missing (deleted)`
          : `entries #${expectedSeq} to #${entry.seq - 1} are missing (deleted)`,
    };
  }
  if (entryHash(entry) !== entry.hash) {
    return {
      seq: entry.seq,
      kind: 'edited',
      message: `entry #${entry.seq} was edited: its contents no longer match its hash`,
    };
  }
  if (entry.prevHash !== prevHash) {
    return {
      seq: entry.seq,
      kind: 'unlinked',
      message:
        entry.seq === 1
          ? 'entry #1 does not start the chain (it was replaced)'
          : `entry #${entry.seq} does not follow entry #${entry.seq - 1}: one of them was replaced or rewritten`,
    };
  }
  return null;
}

export async function verifyAuditChain(repo: AuditRepo, options: { pageSize?: number } = {}): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let next: Promise<AuditRecord[]> | null = repo.page(0, pageSize);
  while (next) {
    const page: AuditRecord[] = await next;
    // Ask for the next page before hashing this one (on PostgreSQL the two overlap).
    next = page.length === pageSize ? repo.page(page[page.length - 1]!.seq, pageSize) : null;
    for (const entry of page) {
      const problem = check(entry, expectedSeq, prevHash);
      if (problem) {
        await next?.catch(() => {});
        return { ok: false, checked, lastSeq: expectedSeq - 1, problem };
      }
      prevHash = entry.hash;
      expectedSeq++;
      checked++;
    }
    // A long verification must not stop the bot answering in the meantime.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const lastSeq = expectedSeq - 1;
  const head = await repo.head();
  if (head && head.seq > lastSeq) {
    return {
      ok: false,
      checked,
      lastSeq,
      problem: {
        seq: lastSeq + 1,
        kind: 'truncated',
        message:
          head.seq === lastSeq + 1
            ? `entry #${head.seq}, the newest, is missing (deleted)`
            : `entries #${lastSeq + 1} to #${head.seq}, the newest, are missing (deleted)`,
      },
    };
  }
  if (head && head.seq === lastSeq && head.hash !== prevHash) {
    return {
      ok: false,
      checked,
      lastSeq,
      problem: { seq: lastSeq, kind: 'unlinked', message: `entry #${lastSeq}, the newest, was replaced` },
    };
  }
  if (head && head.seq < lastSeq) {
    return {
      ok: false,
      checked,
      lastSeq,
      problem: {
        seq: head.seq + 1,
        kind: 'unrecorded',
        message: `entry #${head.seq + 1} and later were added outside Steward (the chain head stops at #${head.seq})`,
      },
    };
  }
  if (!head && lastSeq > 0) {
    return {
      ok: false,
      checked,
      lastSeq,
      problem: { seq: 1, kind: 'unrecorded', message: 'the chain head is missing (deleted)' },
    };
  }
  return { ok: true, checked, lastSeq, problem: null };
}

export function verifyResultText(result: VerifyResult): string {
  if (result.ok) {
    return result.lastSeq === 0
      ? 'The audit log is empty; nothing to verify.'
      : `The audit chain is intact: ${result.checked} entries verified, #1 to #${result.lastSeq}.`;
  }
  return `The audit chain is BROKEN at entry #${result.problem!.seq}: ${result.problem!.message}. ${result.checked} entries before it verified. Treat this as a security incident.`;
}

/**
 * For the scheduler: verifies outside any transaction, then records the check (and,
 * when the chain is broken, publishes `audit.tampered`) in one transaction.
 */
export async function verifyAuditLog(services: Services, now: Date): Promise<VerifyResult> {
  const result = await verifyAuditChain(services.store.repos.audit);
  await services.store.transact(async (repos) => {
    await appendAudit(
      repos.audit,
      {
        actorId: null,
        action: 'audit.verify',
        outcome: result.ok ? 'ok' : 'error',
        detail: { checked: result.checked, firstBadSeq: result.problem?.seq ?? null },
      },
      now,
    );
    if (result.problem) await services.emit(repos, now, { type: 'audit.tampered', firstBadSeq: result.problem.seq });
  });
  return result;
}
