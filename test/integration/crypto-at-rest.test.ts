// Encryption at rest: after members and staff write known text through every relay path
// (messages, replies, notes, held messages, reports, blocks, incidents, queued outbox
// deliveries), none of it appears in the raw SQLite files (database and WAL) or in any
// PostgreSQL table; each stored body is AEAD ciphertext under the member's data key.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { pgReachable } from '../support/postgres.js';
import { dm, MINUTE, memberNamed, prismaOf, reposOf, staffTeam } from '../support/relay-fixtures.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

const SECRETS = {
  dm: 'zebra-DM-7731',
  held: 'zebra-HELD-5520 https://bit.ly/x',
  reply: 'zebra-REPLY-1184',
  note: 'zebra-NOTE-9902',
  report: 'zebra-REPORT-3310',
  block: 'zebra-BLOCK-4471',
  incident: 'zebra-INCIDENT-6658',
  resolution: 'zebra-RESOLVED-2207',
  queued: 'zebra-QUEUED-8846',
};
const markers = Object.values(SECRETS).map((s) => s.split(' ')[0]!);

async function writeEverything(bot: TestSteward): Promise<void> {
  await staffTeam(bot);
  await dm(bot, 'carol', 'hello');
  bot.clock.advance(11 * MINUTE);
  await dm(bot, 'carol', SECRETS.dm);
  await dm(bot, 'carol', SECRETS.held);
  await bot.run(
    [
      '/as sam',
      `/relay reply C-1 ${SECRETS.reply}`,
      `/relay note C-1 ${SECRETS.note}`,
      '/as carol',
      `/relay report M-4 ${SECRETS.report}`,
      '/as mo',
      `/relay block @carol ${SECRETS.block}`,
      `/incident open high ${SECRETS.incident}`,
      `/incident resolve I-1 ${SECRETS.resolution}`,
      `/relay resolve Q-2 dismiss ${SECRETS.resolution}`,
      '/relay transcript C-1',
    ].join('\n'),
  );
  // A member on a platform no running adapter serves: the reply to them stays in the
  // outbox (failed, payload kept for an operator to retry), and must be sealed too.
  await bot.steward.directMessage({
    account: { platform: 'slack', workspaceId: 'T0TEST', userId: 'U0ERIN' },
    displayName: 'erin',
    parseMention: parseConsoleMention,
    text: 'hello from slack',
  });
  await bot.run(`/as sam\n/relay reply C-2 ${SECRETS.queued}`);
  // Every path above really stored its text.
  const db = prismaOf(bot);
  expect(await db.relayBlock.count()).toBe(1);
  expect(await db.securityIncident.count({ where: { resolution: { not: null } } })).toBe(1);
  expect(await db.moderationItem.count({ where: { kind: 'report', reason: { not: null }, note: { not: null } } })).toBe(
    1,
  );
  expect(await db.relayMessage.count({ where: { status: 'held' } })).toBe(1);
}

async function expectReadableAndSealed(bot: TestSteward): Promise<void> {
  // The text is really there (decryptable), so a clean scan below means something.
  const out = await bot.run('/as mo\n/relay transcript C-1');
  for (const s of [SECRETS.dm, SECRETS.held, SECRETS.reply, SECRETS.note]) expect(out).toContain(s);
  expect(await bot.run('/relay transcript C-2')).toContain(SECRETS.queued);
  const kept = await prismaOf(bot).outboxMessage.findMany({ where: { status: 'failed' } });
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.every((r) => r.payload.startsWith('v1.'))).toBe(true);

  const carol = await memberNamed(bot, 'carol');
  const carolKey = await reposOf(bot).dataKeys.findByOwner(carol.id);
  const rows = await prismaOf(bot).relayMessage.findMany({ where: { memberId: carol.id } });
  expect(rows.length).toBeGreaterThanOrEqual(5);
  for (const row of rows) {
    expect(row.body).toMatch(/^v1\.[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]+$/); // format.nonce(24 bytes).ciphertext
    expect(row.keyId).toBe(carolKey!.id);
  }
  // Two sealings of the same text differ (random nonce).
  const sealed = await Promise.all(
    [1, 2].map(() => bot.steward.services.keyring.seal(reposOf(bot).dataKeys, carol.id, 'same')),
  );
  expect(sealed[0]!.ciphertext).not.toBe(sealed[1]!.ciphertext);
}

const providers: Provider[] = (await pgReachable()) ? ['sqlite', 'postgresql'] : ['sqlite'];

describe.each(providers)('message text at rest (%s)', (provider) => {
  let bot: TestSteward;
  afterEach(async () => {
    await bot.close();
  });

  it('is never stored in plaintext', async () => {
    bot = await startTestSteward({ provider });
    await writeEverything(bot);
    await expectReadableAndSealed(bot);
    if (provider === 'sqlite') {
      const file = parseDatabaseUrl(bot.databaseUrl).url;
      const scan = () => {
        const found: string[] = [];
        for (const suffix of ['', '-wal', '-shm']) {
          let bytes: Buffer;
          try {
            bytes = readFileSync(`${file}${suffix}`);
          } catch {
            continue;
          }
          for (const m of [...markers, 'carol'])
            if (bytes.includes(Buffer.from(m, 'utf8'))) found.push(`${m} in ${suffix || 'db'}`);
        }
        return found;
      };
      // Display names are not secret: finding one proves the scan reads the data.
      const whileRunning = scan();
      expect(whileRunning.some((f) => f.startsWith('carol'))).toBe(true);
      expect(whileRunning.filter((f) => !f.startsWith('carol'))).toEqual([]);
      await prismaOf(bot).$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
      expect(scan().filter((f) => !f.startsWith('carol'))).toEqual([]);
    } else {
      const client = new pg.Client({ connectionString: bot.databaseUrl });
      await client.connect();
      try {
        const tables = await client.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        );
        expect(tables.rows.map((r) => r.tablename)).toEqual(
          expect.arrayContaining(['RelayMessage', 'ModerationItem', 'RelayBlock', 'SecurityIncident', 'OutboxMessage']),
        );
        let dump = '';
        for (const { tablename } of tables.rows) {
          const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${tablename}" t`);
          dump += rows.rows.map((r) => r.row).join('\n');
        }
        expect(dump).toContain('carol');
        for (const m of markers) expect(dump, `${m} found in a table`).not.toContain(m);
      } finally {
        await client.end();
      }
    }
  });
});
