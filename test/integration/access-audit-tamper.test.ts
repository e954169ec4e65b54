// Given a working audit chain, when someone edits or deletes rows directly in the
// database (SQLite file or PostgreSQL), then /audit verify names the first broken entry,
// publishes `audit.tampered`, and keeps finding it after later appends.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../src/core/audit/audit-log.js';
import { verifyAuditChain } from '../../src/core/audit/verify.js';
import type { AuditRecord } from '../../src/core/ports.js';
import { captureEvents, reposOf } from '../support/access.js';
import { PG_SKIP_REASON, pgReachable } from '../support/postgres.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => bot?.close());

/** Runs SQL straight against the database, bypassing Steward (quoted identifiers work in both). */
async function sql(b: TestSteward, statement: string, params: unknown[] = []): Promise<void> {
  if (b.databaseUrl.startsWith('file:')) {
    const db = new Database(b.databaseUrl.slice('file:'.length));
    try {
      db.prepare(statement.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: b.databaseUrl });
  await client.connect();
  try {
    await client.query(statement, params);
  } finally {
    await client.end();
  }
}

async function entry(b: TestSteward, seq: number): Promise<AuditRecord> {
  const [found] = await reposOf(b).audit.query({ beforeSeq: seq + 1 }, 1);
  if (found?.seq !== seq) throw new Error(`no entry #${seq}`);
  return found;
}

/** Seven audit entries from ordinary administration (#6 is the tag). */
async function history(provider: Provider) {
  bot = await startTestSteward({ provider });
  await bot.run(`/as alice
/org create acme Acme
/as bob
/as alice
/role assign @bob org_admin org:acme runs acme
/tag add @bob night-shift
/role assign @bob editor blog`);
}

const pgUp = await pgReachable();

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe.skipIf(provider === 'postgresql' && !pgUp)(`audit verify on ${provider}`, () => {
    if (provider === 'postgresql' && !pgUp) console.warn(PG_SKIP_REASON);

    it('says the chain is intact when nobody touched it', async () => {
      await history(provider);
      const out = await bot.run('/audit verify');
      expect(out).toMatch(/The audit chain is intact: 7 entries verified, #1 to #7\./);
    });

    it('names an edited entry', async () => {
      await history(provider);
      const events = captureEvents(bot);
      await sql(bot, `UPDATE "AuditEntry" SET "action" = $1 WHERE "seq" = $2`, ['tag.remove', 6]);
      const out = await bot.run('/audit verify');
      expect(out).toContain(
        'The audit chain is BROKEN at entry #6: entry #6 was edited: its contents no longer match its hash. 5 entries before it verified.',
      );
      expect(out).toContain('[#staff] Security: The audit chain is BROKEN at entry #6');
      expect(events).toContainEqual({ type: 'audit.tampered', firstBadSeq: 6 });
    });

    it('names a deleted entry in the middle, and still does after later appends', async () => {
      await history(provider);
      await sql(bot, `DELETE FROM "AuditEntry" WHERE "seq" = $1`, [4]);
      expect(await bot.run('/audit verify')).toContain('BROKEN at entry #4: entry #4 is missing (deleted)');
      await bot.run('/tag add @alice day-shift');
      expect(await bot.run('/audit verify')).toContain('BROKEN at entry #4');
    });

    it('names deleted entries at the end of the chain, and keeps the gap', async () => {
      await history(provider);
      await sql(bot, `DELETE FROM "AuditEntry" WHERE "seq" >= $1`, [6]);
      const events = captureEvents(bot);
      expect(await bot.run('/audit verify')).toContain(
        'BROKEN at entry #6: entries #6 to #7, the newest, are missing (deleted)',
      );
      expect(events).toContainEqual({ type: 'audit.tampered', firstBadSeq: 6 });
      // Steward keeps appending after the head, so the gap cannot be papered over.
      await bot.run('/tag add @alice day-shift');
      expect(await bot.run('/audit verify')).toContain('BROKEN at entry #6: entries #6 to #7 are missing (deleted)');
    });

    it('names the entry after one rewritten with a recomputed hash', async () => {
      await history(provider);
      const original = await entry(bot, 5);
      const forged = { ...original, detail: JSON.stringify({ role: 'member' }) };
      forged.hash = entryHash(forged);
      await sql(bot, `UPDATE "AuditEntry" SET "detail" = $1, "hash" = $2 WHERE "seq" = $3`, [
        forged.detail,
        forged.hash,
        5,
      ]);
      expect(await bot.run('/audit verify')).toContain(
        'BROKEN at entry #6: entry #6 does not follow entry #5: one of them was replaced or rewritten',
      );
    });

    it('names a replaced newest entry', async () => {
      await history(provider);
      const last = await entry(bot, 7);
      const forged = { ...last, action: 'tag.add' };
      forged.hash = entryHash(forged);
      await sql(bot, `UPDATE "AuditEntry" SET "action" = $1, "hash" = $2 WHERE "seq" = $3`, [
        'tag.add',
        forged.hash,
        7,
      ]);
      expect(await bot.run('/audit verify')).toContain('BROKEN at entry #7: entry #7, the newest, was replaced');
    });
  });
}

describe('verification streams in pages', () => {
  it('reads the chain page by page and finds a problem past the first page', async () => {
    await history('sqlite');
    for (let i = 0; i < 6; i++) await bot.run(`/tag add @bob t${i}`);
    const repo = reposOf(bot).audit;
    const pages: number[] = [];
    const spy = {
      ...repo,
      page: (after: number, limit: number) => {
        pages.push(after);
        return repo.page(after, limit);
      },
    };
    expect(await verifyAuditChain(spy, { pageSize: 3 })).toMatchObject({ ok: true, checked: 13 });
    expect(pages).toEqual([0, 3, 6, 9, 12]);

    await sql(bot, `UPDATE "AuditEntry" SET "outcome" = $1 WHERE "seq" = $2`, ['denied', 11]);
    expect(await verifyAuditChain(repo, { pageSize: 3 })).toMatchObject({
      ok: false,
      checked: 10,
      problem: { seq: 11, kind: 'edited' },
    });
  });

  it('holds member ids, never names or message text', async () => {
    await history('sqlite');
    await bot.run('/as bob\n/role request support org:acme please let me help xyzzy');
    const all = await reposOf(bot).audit.query({}, 100);
    const text = JSON.stringify(all);
    expect(text).not.toContain('xyzzy');
    expect(text).not.toContain('"bob"');
  });
});
