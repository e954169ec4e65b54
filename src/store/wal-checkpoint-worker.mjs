// The SQLite checkpoint thread (see wal-checkpointer.ts): on each request it copies what
// the write-ahead log holds into the database file, on a connection of its own, so the
// copying and the fsync that ends it never run on the bot's event loop. PASSIVE: it
// takes what is committed now and never waits for, or blocks, the writer. Plain
// JavaScript, so it loads the same under tsx, vitest and the dist/ bundle.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
// Checkpoints sync the log before copying and the database file after, in NORMAL as in FULL.
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true);

parentPort.on('message', (request) => {
  if (request === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [busy, logFrames, checkpointed] = checkpoint.get();
    parentPort.postMessage({ busy, logFrames, checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error?.message ?? error) });
  }
});
