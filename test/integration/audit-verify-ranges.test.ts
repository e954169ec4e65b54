// Given a chain long enough to be checked in ranges on worker threads, when entries are
// edited, deleted or rewritten anywhere (inside a range, on a range's first or last
// entry, across ranges, in the first page), then verification reports exactly what one
// pass from #1 reports: the same first broken seq, message and count.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, entryHash } from '../../src/core/audit/audit-log.js';
import { type VerifyOptions, verifyAuditChain } from '../../src/core/audit/verify.js';
import type { AuditRecord, AuditRepo } from '../../src/core/ports.js';
import { PG_SKIP_REASON, pgReachable } from '../support/postgres.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

const ENTRIES = 40;
// First page #1-#4 on the main thread, then ranges (4,11], (11,18], ... on the workers.
const IN_RANGES: VerifyOptions = { pageSize: 4, rangeSize: 7, rangeCheckFrom: 0 };

const COLUMNS = ['seq', 'at', 'actorId', 'action', 'subjectId', 'orgId', 'outcome', 'detail', 'prevHash', 'hash'];

type Run = (statement: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs SQL straight against the database, bypassing Steward, on one connection ($1-style parameters). */
async function withDatabase<T>(b: TestSteward, fn: (run: Run) => Promise<T>): Promise<T> {
  if (b.databaseUrl.startsWith('file:')) {
    const db = new Database(b.databaseUrl.slice('file:'.length));
    try {
      return await fn(async (statement, params = []) => {
        const prepared = db.prepare(statement.replace(/\$\d+/g, '?'));
        if (prepared.reader) return prepared.all(...params) as Record<string, unknown>[];
        prepared.run(...params);
        return [];
      });
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: b.databaseUrl });
  await client.connect();
  try {
    return await fn(async (statement, params = []) => (await client.query(statement, params)).rows);
  } finally {
    await client.end();
  }
}

const insertEntry = `INSERT INTO "AuditEntry" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** The same repository, but its pages carry no offer of range checks: one pass from #1. */
const onePass = (repo: AuditRepo): AuditRepo => ({ ...repo, page: async (a, l) => [...(await repo.page(a, l))] });

const pgUp = await pgReachable();

for (const provider of ['sqlite', 'postgresql'] as Provider[]) {
  describe.skipIf(provider === 'postgresql' && !pgUp)(`audit verification in ranges on ${provider}`, () => {
    if (provider === 'postgresql' && !pgUp) console.warn(PG_SKIP_REASON);
    let bot: TestSteward;
    let rows: Record<string, unknown>[];

    beforeAll(async () => {
      bot = await startTestSteward({ provider });
      const { store } = bot.steward.services;
      for (let i = 0; i < ENTRIES; i++) {
        await store.transact((repos) =>
          appendAudit(repos.audit, { actorId: null, action: 'test.entry', detail: { i } }, bot.clock.now()),
        );
      }
      rows = await withDatabase(bot, (run) => run(`SELECT * FROM "AuditEntry" ORDER BY "seq"`));
    });
    afterAll(async () => bot?.close());

    const repo = () => bot.steward.services.store.repos.audit;

    /** Tampers, verifies both ways, then puts every row back. */
    async function compare(tamper: (run: Run) => Promise<unknown>) {
      await withDatabase(bot, tamper);
      try {
        const inRanges = await verifyAuditChain(repo(), IN_RANGES);
        const reference = await verifyAuditChain(onePass(repo()), { pageSize: 4 });
        expect(inRanges).toEqual(reference);
        return inRanges;
      } finally {
        await withDatabase(bot, async (run) => {
          await run(`DELETE FROM "AuditEntry"`);
          for (const row of rows)
            await run(
              insertEntry,
              COLUMNS.map((c) => row[c]),
            );
        });
      }
    }

    async function entry(seq: number): Promise<AuditRecord> {
      const [found] = await repo().query({ beforeSeq: seq + 1 }, 1);
      if (found?.seq !== seq) throw new Error(`no entry #${seq}`);
      return found;
    }

    it('checks the ranges on workers: the store is asked only for the first page and what follows the ranges', async () => {
      const asked: number[] = [];
      const spy: AuditRepo = {
        ...repo(),
        page: (afterSeq, limit) => {
          asked.push(afterSeq);
          return repo().page(afterSeq, limit);
        },
      };
      expect(await verifyAuditChain(spy, IN_RANGES)).toEqual({
        ok: true,
        checked: ENTRIES,
        lastSeq: ENTRIES,
        problem: null,
      });
      expect(asked).toEqual([0, ENTRIES]);
    });

    // Page and range edges: #4 ends the first page, #5 starts a range, #11 ends it, #12 starts the next.
    const seqs = [1, 4, 5, 6, 11, 12, 18, 40];

    it.each(seqs)('finds entry #%i edited', async (seq) => {
      const result = await compare((run) =>
        run(`UPDATE "AuditEntry" SET "outcome" = $1 WHERE "seq" = $2`, ['denied', seq]),
      );
      expect(result.problem).toMatchObject({ seq, kind: 'edited' });
    });

    it.each(seqs)('finds entry #%i deleted', async (seq) => {
      const result = await compare((run) => run(`DELETE FROM "AuditEntry" WHERE "seq" = $1`, [seq]));
      expect(result.problem).toMatchObject({ seq, kind: seq === ENTRIES ? 'truncated' : 'missing' });
    });

    it.each(seqs)('finds the entry after #%i rewritten with a recomputed hash', async (seq) => {
      const forged = { ...(await entry(seq)), detail: '{"forged":true}' };
      forged.hash = entryHash(forged);
      const result = await compare((run) =>
        run(`UPDATE "AuditEntry" SET "detail" = $1, "hash" = $2 WHERE "seq" = $3`, [forged.detail, forged.hash, seq]),
      );
      // The newest entry is caught by the chain head instead.
      expect(result.problem).toMatchObject({ seq: seq === ENTRIES ? seq : seq + 1, kind: 'unlinked' });
    });

    it.each([
      [3, 6],
      [10, 13],
      [11, 19],
      [12, 18],
      [20, 40],
    ])('finds entries #%i to #%i deleted', async (from, to) => {
      const result = await compare((run) =>
        run(`DELETE FROM "AuditEntry" WHERE "seq" >= $1 AND "seq" <= $2`, [from, to]),
      );
      expect(result.problem?.seq).toBe(from);
    });

    it('reports the first of several problems in different ranges', async () => {
      const result = await compare(async (run) => {
        await run(`UPDATE "AuditEntry" SET "action" = $1 WHERE "seq" = $2`, ['x', 30]);
        await run(`DELETE FROM "AuditEntry" WHERE "seq" = $1`, [14]);
        await run(`UPDATE "AuditEntry" SET "prevHash" = $1 WHERE "seq" = $2`, ['0'.repeat(64), 9]);
      });
      expect(result).toMatchObject({ checked: 8, problem: { seq: 9, kind: 'edited' } });
    });

    it('finds entries swapped between ranges', async () => {
      const result = await compare(async (run) => {
        const [a, b] = [rows[8]!, rows[20]!];
        await run(`DELETE FROM "AuditEntry" WHERE "seq" IN ($1, $2)`, [9, 21]);
        await run(
          insertEntry,
          COLUMNS.map((c) => (c === 'seq' ? 21 : a[c])),
        );
        await run(
          insertEntry,
          COLUMNS.map((c) => (c === 'seq' ? 9 : b[c])),
        );
      });
      expect(result.problem).toMatchObject({ seq: 9, kind: 'edited' });
    });
  });
}

// What a member or admin typed can end up in an entry's fields: verification must read
// every character back exactly as stored, however the driver escapes or splits it.
const AWKWARD = [
  'tab\there',
  'line\nbreak\r\nand return',
  'back\\slash, \\N, \\t and \\\\',
  '\\N',
  '',
  'bell\b form\f vertical\v',
  'accents é, CJK 漢字, emoji 😀 and a lone combining mark \u0301',
];
// Long enough to be split between network reads, likely inside a multi-byte character.
const LONG = 'é€😀漢'.repeat(40_000);

for (const provider of ['sqlite', 'postgresql'] as Provider[]) {
  describe.skipIf(provider === 'postgresql' && !pgUp)(`audit verification of awkward text on ${provider}`, () => {
    let bot: TestSteward;

    beforeAll(async () => {
      bot = await startTestSteward({ provider });
      const { store } = bot.steward.services;
      for (let i = 0; i < 30; i++) {
        const text = AWKWARD[i % AWKWARD.length]!;
        await store.transact((repos) =>
          appendAudit(
            repos.audit,
            {
              actorId: text,
              action: 'test.awkward',
              subjectId: i % 2 ? text : null,
              orgId: i % 3 ? text : null,
              detail: { text, long: i === 17 ? LONG : '' },
            },
            bot.clock.now(),
          ),
        );
      }
    });
    afterAll(async () => bot?.close());

    it('finds every entry intact, in ranges as in one pass', async () => {
      const repo = bot.steward.services.store.repos.audit;
      const inRanges = await verifyAuditChain(repo, IN_RANGES);
      expect(inRanges).toEqual({ ok: true, checked: 30, lastSeq: 30, problem: null });
      expect(await verifyAuditChain(onePass(repo), { pageSize: 4 })).toEqual(inRanges);
    });

    it('finds one character changed in the long entry', async () => {
      const repo = bot.steward.services.store.repos.audit;
      const [entry] = await repo.query({ beforeSeq: 19 }, 1);
      const changed = entry!.detail.replace('😀', '😁');
      await withDatabase(bot, (run) => run(`UPDATE "AuditEntry" SET "detail" = $1 WHERE "seq" = $2`, [changed, 18]));
      try {
        expect((await verifyAuditChain(repo, IN_RANGES)).problem).toMatchObject({ seq: 18, kind: 'edited' });
      } finally {
        await withDatabase(bot, (run) =>
          run(`UPDATE "AuditEntry" SET "detail" = $1 WHERE "seq" = $2`, [entry!.detail, 18]),
        );
      }
      expect((await verifyAuditChain(repo, IN_RANGES)).ok).toBe(true);
    });
  });
}
