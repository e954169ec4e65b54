// Verifies the whole audit chain, streaming it in pages so memory stays flat however long
// the log is; a long chain is checked in ranges, in parallel, where the store offers it
// (range-check.ts). It names the first broken entry: a deleted entry (a gap in the
// sequence or a missing tail, caught by the chain head), an edited entry (its hash no
// longer matches its contents) or a replaced one (it no longer links to the entry before it).
import type { Services } from '../../services.js';
import type { AuditRecord, AuditRepo } from '../ports.js';
import { appendAudit, entryHash, GENESIS_HASH } from './audit-log.js';
import { type ChainRangeReport, rangeCheckerBehind } from './range-check.js';

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
/** Seq values per range when a store checks the chain in ranges (see range-check.ts). */
const RANGE_PAGES = 4;
/** Shorter chains are checked in one pass: starting worker threads costs more than it saves. */
const MIN_RANGE_CHECK_PAGES = 10;

/** What the entry at `seq` breaks when `expectedSeq` was due; checked in this order, as one pass would. */
function problemAt(expectedSeq: number, seq: number, hashOk: boolean, linkOk: boolean): ChainProblem | null {
  if (seq !== expectedSeq) {
    const gap = seq - expectedSeq;
    return {
      seq: expectedSeq,
      kind: 'missing',
      message:
        gap === 1
          ? `entry #${expectedSeq} is missing (deleted)`
          : `entries #${expectedSeq} to #${seq - 1} are missing (deleted)`,
    };
  }
  if (!hashOk) {
    return { seq, kind: 'edited', message: `entry #${seq} was edited: its contents no longer match its hash` };
  }
  if (!linkOk) {
    return {
      seq,
      kind: 'unlinked',
      message:
        seq === 1
          ? 'entry #1 does not start the chain (it was replaced)'
          : `entry #${seq} does not follow entry #${seq - 1}: one of them was replaced or rewritten`,
    };
  }
  return null;
}

/** Where one pass through the chain has got to. */
interface Progress {
  expectedSeq: number;
  prevHash: string;
  checked: number;
}

function checkPage(page: readonly AuditRecord[], at: Progress): ChainProblem | null {
  for (const entry of page) {
    const problem = problemAt(
      at.expectedSeq,
      entry.seq,
      entryHash(entry) === entry.hash,
      entry.prevHash === at.prevHash,
    );
    if (problem) return problem;
    at.prevHash = entry.hash;
    at.expectedSeq++;
    at.checked++;
  }
  return null;
}

/** Continues the pass with a range checked on its own (see range-check.ts). */
function joinRange(range: ChainRangeReport, at: Progress): ChainProblem | null {
  if (range.first) {
    const { seq, hashOk, prevHash } = range.first;
    const problem = problemAt(at.expectedSeq, seq, hashOk, prevHash === at.prevHash);
    if (problem) return problem;
  }
  if (range.bad) {
    const { index, seq, expectedSeq, hashOk, linkOk } = range.bad;
    at.checked += index;
    at.expectedSeq = expectedSeq;
    return problemAt(expectedSeq, seq, hashOk, linkOk);
  }
  if (range.last) {
    at.checked += range.count;
    at.expectedSeq = range.last.seq + 1;
    at.prevHash = range.last.hash;
  }
  return null;
}

/** One pass, page by page, from after `afterSeq` to the end of the chain. */
async function checkPages(
  repo: AuditRepo,
  afterSeq: number,
  pageSize: number,
  at: Progress,
): Promise<ChainProblem | null> {
  let next: Promise<AuditRecord[]> | null = repo.page(afterSeq, pageSize);
  while (next) {
    const page: AuditRecord[] = await next;
    // Ask for the next page before hashing this one (on PostgreSQL the two overlap).
    next = page.length === pageSize ? repo.page(page[page.length - 1]!.seq, pageSize) : null;
    const problem = checkPage(page, at);
    if (problem) {
      await next?.catch(() => {});
      return problem;
    }
    // A long verification must not stop the bot answering in the meantime.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return null;
}

export interface VerifyOptions {
  /** Entries read at a time. */
  pageSize?: number;
  /** Check in ranges (when the store can) once the chain is this long past the first page. */
  rangeCheckFrom?: number;
  /** Seq values per range. */
  rangeSize?: number;
}

/** Checks every entry from #1, in ranges in parallel where the store offers it, else page by page. */
async function checkEntries(repo: AuditRepo, options: VerifyOptions, at: Progress): Promise<ChainProblem | null> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  const first = await repo.page(0, pageSize);
  const problem = checkPage(first, at);
  if (problem) return problem;
  if (first.length < pageSize) return null;
  let afterSeq = first[first.length - 1]!.seq;
  const checker = rangeCheckerBehind(first);
  if (checker) {
    const ranges = checker.checkRanges(afterSeq, {
      pageSize,
      rangeSize: options.rangeSize ?? pageSize * RANGE_PAGES,
      minEntries: options.rangeCheckFrom ?? pageSize * MIN_RANGE_CHECK_PAGES,
    });
    try {
      for await (const range of ranges) {
        const found = joinRange(range, at);
        if (found) return found;
        afterSeq = range.upToSeq;
      }
    } catch {
      // The workers could not finish (no connection to spare, a thread that died): the pass
      // goes on page by page from the last range joined, and fails there if the database does.
    }
  }
  // Entries past the ranges (all of them when the store checks none, or appended meanwhile).
  return checkPages(repo, afterSeq, pageSize, at);
}

export async function verifyAuditChain(repo: AuditRepo, options: VerifyOptions = {}): Promise<VerifyResult> {
  const at: Progress = { expectedSeq: 1, prevHash: GENESIS_HASH, checked: 0 };
  const problem = await checkEntries(repo, options, at);
  const { checked, prevHash } = at;
  if (problem) return { ok: false, checked, lastSeq: at.expectedSeq - 1, problem };
  const lastSeq = at.expectedSeq - 1;
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
