// Checks the audit chain in ranges on worker threads (audit-verify-worker.mjs), each on
// its own read-only connection, and hands the reports back in seq order: a long
// verification uses every core the machine lends it, and never the bot's event loop.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChainRangeChecker, ChainRangeReport, RangeCheckOptions } from '../core/audit/range-check.js';
import type { DatabaseTarget } from './database-url.js';
import { pgConfig } from './driver-adapter.js';
import { projectRoot } from './migrations.js';

// Found from the project root, so the dist/ bundle starts the same file as tsx and vitest.
const WORKER_FILE = path.join(projectRoot, 'src', 'store', 'audit-verify-worker.mjs');
/** Each worker is a heap and a connection of its own: two halve a verification on a 2-core machine. */
const MAX_WORKERS = 2;
/**
 * Small reads and a young generation well below V8's default: a worker's rows die young,
 * and its heap stays around 30 MiB instead of growing towards V8's default before
 * collecting. node-postgres leaves more short-lived buffers behind: a smaller one there.
 */
const WORKER_PAGE_SIZE = 1000;
const WORKER_YOUNG_GENERATION_MB = { sqlite: 16, postgresql: 12 } as const;
/** How long a closing worker may take to finish its page before it is stopped. */
const CLOSE_GRACE_MS = 5_000;

interface RangeTask {
  afterSeq: number;
  upToSeq: number;
  pageSize: number;
}

type WorkerReply = { report: ChainRangeReport } | { error: string };

/** One worker thread that checks one range at a time. */
class RangeWorker {
  private readonly worker: Worker;
  private waiting: { resolve: (r: ChainRangeReport) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(target: DatabaseTarget) {
    const source =
      target.provider === 'sqlite'
        ? { provider: 'sqlite', file: target.url }
        : { provider: 'postgresql', config: pgConfig(target.url, 1) };
    this.worker = new Worker(WORKER_FILE, {
      workerData: source,
      // Plain JavaScript: none of the parent's loaders (tsx, vitest), each a heap's worth of modules.
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB[target.provider] },
    });
    this.worker.on('message', (reply: WorkerReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if ('report' in reply) waiting?.resolve(reply.report);
      else waiting?.reject(new Error(`audit verification worker: ${reply.error}`));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        this.fail(new Error('audit verification worker stopped'));
        resolve();
      });
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  check(task: RangeTask): Promise<ChainRangeReport> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(task);
    });
  }

  /** Lets the worker finish its page and close its connection; stops it if it takes too long. */
  async close(): Promise<void> {
    this.worker.postMessage('close');
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

function settleLater<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Checks `tasks` on `workers` threads, each taking the next range as it finishes one; yields in order. */
async function* checkOnWorkers(target: DatabaseTarget, tasks: RangeTask[], workers: number) {
  const results = tasks.map(() => settleLater<ChainRangeReport>());
  // A failure is rethrown where the caller reaches it; later ranges may never be awaited.
  for (const r of results) r.promise.catch(() => {});
  let nextTask = 0;
  let stopped = false;
  const pool = Array.from({ length: workers }, () => new RangeWorker(target));
  const drive = async (worker: RangeWorker) => {
    while (!stopped && nextTask < tasks.length) {
      const i = nextTask++;
      try {
        results[i]!.resolve(await worker.check(tasks[i]!));
      } catch (error) {
        results[i]!.reject(error as Error);
        stopped = true;
      }
    }
  };
  const driving = pool.map(drive);
  try {
    for (const r of results) yield await r.promise;
  } finally {
    stopped = true;
    await Promise.all(pool.map((w) => w.close()));
    await Promise.all(driving);
  }
}

/**
 * Range checks for the chain in `target`, or undefined when the worker file is not there
 * (verification then reads page by page). `newestSeq` reads the highest seq stored.
 */
export function workerRangeChecker(
  target: DatabaseTarget,
  newestSeq: () => Promise<number | null>,
): ChainRangeChecker | undefined {
  if (!existsSync(WORKER_FILE)) return undefined;
  return {
    async *checkRanges(afterSeq: number, options: RangeCheckOptions) {
      const newest = await newestSeq();
      if (newest === null || newest - afterSeq < options.minEntries) return;
      const tasks: RangeTask[] = [];
      for (let after = afterSeq; after < newest; after += options.rangeSize) {
        tasks.push({
          afterSeq: after,
          upToSeq: Math.min(after + options.rangeSize, newest),
          pageSize: Math.min(options.pageSize, WORKER_PAGE_SIZE),
        });
      }
      yield* checkOnWorkers(target, tasks, Math.min(MAX_WORKERS, availableParallelism(), tasks.length));
    },
  };
}
