// Checkpoints of a busy SQLite database on a thread of their own.
//
// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold: it
// copies about 4 MB of log into the database file and fsyncs it, and better-sqlite3 is
// synchronous, so every command in the process waits 10 ms or more, dozens of times a
// minute under load. Once a database has shown it is busy, a worker thread with its own
// connection checkpoints instead, shortly after writes, and the automatic checkpoint
// stays only as a backstop far above the usual log size. A quiet installation never
// starts the thread (it would cost memory for nothing).
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { projectRoot } from './migrations.js';

// Found from the project root, so the dist/ bundle starts the same file as tsx and vitest.
const WORKER_FILE = path.join(projectRoot, 'src', 'store', 'wal-checkpoint-worker.mjs');
/** Commits that wrote before the database counts as busy enough for a thread. */
const BUSY_AFTER_COMMITS = 200;
/** Writes are left to gather this long before a checkpoint copies them. */
const DELAY_MS = 50;
/** SQLite's own checkpoint (in pages) while the thread runs: only if it falls far behind. */
const BACKSTOP_PAGES = 16_384;
const SQLITE_DEFAULT_PAGES = 1000;

type Reply = { busy: number; logFrames: number; checkpointed: number } | { error: string };

export class WalCheckpointer {
  private commits = 0;
  private worker: Worker | undefined;
  private failed = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private dirty = false;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  /** Called after each commit that wrote. */
  wrote(): void {
    if (this.failed || this.closed) return;
    if (!this.worker) {
      if (++this.commits < BUSY_AFTER_COMMITS) return;
      this.start();
    }
    this.dirty = true;
    this.schedule();
  }

  private start(): void {
    const worker = new Worker(WORKER_FILE, {
      workerData: { file: this.file },
      // Plain JavaScript: none of the parent's loaders (tsx, vitest).
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    worker.on('message', (reply: Reply) => {
      this.inFlight = false;
      if ('error' in reply) this.giveBack();
      else this.schedule();
    });
    worker.on('error', () => this.giveBack());
    worker.on('exit', () => this.giveBack()); // unasked (closing sets `closed` first)
    worker.unref(); // a checkpoint never keeps the process alive: SQLite finishes it on close
    this.worker = worker;
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }

  private schedule(): void {
    if (!this.dirty || this.inFlight || this.timer || this.closed || this.failed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dirty = false;
      this.inFlight = true;
      this.worker?.postMessage('checkpoint');
    }, DELAY_MS);
    this.timer.unref();
  }

  /** The thread failed: SQLite checkpoints on the connection again, as it does by default. */
  private giveBack(): void {
    if (this.failed || this.closed) return; // closing: the connection may be gone already
    this.failed = true;
    clearTimeout(this.timer);
    this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    void this.worker?.terminate();
  }

  /** Stops the thread (closing its connection) before the application's connection closes. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      clearTimeout(this.timer);
      const worker = this.worker;
      if (!worker || this.failed) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref(); // an unreferenced thread would let the process exit before the close finishes
      worker.postMessage('close');
      await exited;
    })();
    return this.closed;
  }
}
