// Checking the audit chain in ranges, in parallel. Each entry's own checks need only the
// stored hash of the entry before it, so a store can check ranges of seq on its own
// (next to the data, in worker threads) and verification joins the reports in seq order:
// the first range's first entry against where the previous range ended, then the first
// failure inside it. The result is exactly what one pass from #1 would find.
import type { AuditRecord } from '../ports.js';

/** What one range (afterSeq < seq <= upToSeq) holds, checked without the entries before it. */
export interface ChainRangeReport {
  afterSeq: number;
  upToSeq: number;
  /** Entries checked in the range, up to the first failure. */
  count: number;
  /** The range's first entry: whether it follows the previous range is decided when joining. */
  first: { seq: number; prevHash: string; hashOk: boolean } | null;
  /** The last entry checked. */
  last: { seq: number; hash: string } | null;
  /**
   * The first later entry that fails a check, with the facts verification words its problem
   * from: `index` entries of the range come before it, and it should have been `expectedSeq`.
   */
  bad: { index: number; seq: number; expectedSeq: number; hashOk: boolean; linkOk: boolean } | null;
}

export interface RangeCheckOptions {
  /** Entries read at a time. */
  pageSize: number;
  /** Seq values per range (one task for one worker). */
  rangeSize: number;
  /** Below this many entries after `afterSeq`, checking in ranges does not pay: yields nothing. */
  minEntries: number;
}

export interface ChainRangeChecker {
  /**
   * Checks the chain after `afterSeq` up to its newest entry when the check starts, and
   * yields the reports in seq order. Stopping the iteration stops the work.
   */
  checkRanges(afterSeq: number, options: RangeCheckOptions): AsyncIterable<ChainRangeReport>;
}

// A store whose pages can be checked in ranges says so on the pages it returns: the
// AuditRepo port stays one `page` method, and every other repository keeps working unchanged.
const checkers = new WeakMap<readonly AuditRecord[], ChainRangeChecker>();

/** Marks `page` as read from a chain that `checker` can check in ranges. */
export function offerRangeChecks(page: AuditRecord[], checker: ChainRangeChecker): AuditRecord[] {
  checkers.set(page, checker);
  return page;
}

export function rangeCheckerBehind(page: readonly AuditRecord[]): ChainRangeChecker | undefined {
  return checkers.get(page);
}
