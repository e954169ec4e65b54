// A busy SQLite database has its write-ahead log copied into the database file by a
// thread of its own (src/store/wal-checkpointer.ts), not inside a command's COMMIT.
// Seen from outside: the database file alone holds what was committed, soon after the
// writes, long before SQLite's own checkpoint (now only a backstop) would run; and
// closing the store still ends with the log folded in and removed.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

/** Enough single commits to count as busy, too few pages for SQLite's own 1,000-page checkpoint. */
const COMMITS = 250;

/** Rows the database file holds on its own: a copy of it without its log. */
function keysInDatabaseFileAlone(file: string): number {
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'steward-ckpt-')), 'alone.db');
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "ProcessedEvent" WHERE "key" LIKE 'busy:%'`).get() as { n: number })
      .n;
  } finally {
    db.close();
  }
}

describe('SQLite checkpoints on a busy database', () => {
  let bot: TestSteward;
  let file: string;

  beforeAll(async () => {
    bot = await startTestSteward({ provider: 'sqlite' });
    file = bot.steward.services.config.database.url;
  });
  afterAll(() => bot.close());

  it('copies committed writes into the database file shortly after them, off the event loop', async () => {
    const { store } = bot.steward.services;
    for (let i = 0; i < COMMITS; i++) {
      await store.transact((repos) => repos.events.remember(`busy:${i}`, new Date()));
    }
    expect(existsSync(`${file}-wal`)).toBe(true);
    let seen = 0;
    for (let waited = 0; waited < 5_000 && seen < COMMITS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = keysInDatabaseFileAlone(file);
    }
    expect(seen).toBe(COMMITS);
  });

  it('folds the log in and removes it when the store closes', async () => {
    await bot.steward.services.store.transact((repos) => repos.events.remember('busy:last', new Date()));
    await bot.steward.services.store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(keysInDatabaseFileAlone(file)).toBe(COMMITS + 1);
  });
});
