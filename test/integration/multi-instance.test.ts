// Three Steward processes share one PostgreSQL database and behave as one bot: each
// scheduled report for a period is posted once, each relayed message is delivered once,
// and a platform event seen by two instances is acted on once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { generateMasterKeyBase64 } from '../../src/crypto/master-key.js';
import { readySodium } from '../../src/crypto/sodium.js';
import { createLogger } from '../../src/logger.js';
import { Steward } from '../../src/steward.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { createPgDatabase, pgReachable } from '../support/postgres.js';
import { type LiveSteward, startStewardProcess } from '../support/run-steward.js';

await readySodium();
const masterKey = generateMasterKeyBase64();
const PROCESSES = 3;
const MESSAGES_EACH = 8;

describe.skipIf(!(await pgReachable()))('several instances on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let cwd: string;

  beforeAll(async () => {
    db = await createPgDatabase();
    await applyMigrations({ provider: 'postgresql', url: db.url });
    // Installed long ago, so every job's latest period counts as missed and all three
    // processes try to catch it up at the same moment.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('steward.installed_at', '2026-01-01T00:00:00.000Z', now())`,
    );
    await client.end();
    cwd = mkdtempSync(path.join(os.tmpdir(), 'steward-multi-'));
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('posts every scheduled report once and delivers every burst message once', async () => {
    // The report jobs last fired ten minutes ago and fire next tomorrow, so every process
    // catches up the same periods and no new period can start while the test runs
    // (with the default schedules, a run across Monday 08:00 would also post next week's).
    const fired = new Date(Date.now() - 10 * 60_000);
    const daily = `"${fired.getUTCMinutes()} ${fired.getUTCHours()} * * *"`;
    const configFile = path.join(cwd, 'steward.yaml');
    writeFileSync(
      configFile,
      `jobs:
${['access-review', 'ticket-summary-monthly', 'ticket-summary-weekly']
  .map(
    (job) => `  ${job}: { cron: ${daily} }
`,
  )
  .join('')}`,
    );
    const env = {
      STEWARD_CONFIG_FILE: configFile,
      DATABASE_URL: db.url,
      STEWARD_MASTER_KEY: masterKey,
      STEWARD_SUPER_ADMINS: 'console:admin',
      STEWARD_RELAY_NEW_MEMBER_MINUTES: '0',
      LOG_LEVEL: 'error',
    };
    const procs: LiveSteward[] = [];
    for (let p = 0; p < PROCESSES; p++) procs.push(startStewardProcess(['--console', `--as=member${p}`], { cwd, env }));
    const expected: string[] = [];
    for (const [p, proc] of procs.entries()) {
      for (let i = 0; i < MESSAGES_EACH; i++) {
        const text = `burst message ${p}-${i}`;
        expected.push(text);
        proc.send(text);
      }
    }
    const all = () => procs.map((p) => p.output()).join('\n');
    // One delivered message per block: a `[label]` line and its indented continuation lines.
    const blocks = () => all().split(/\n(?=\[)/);
    const staffLines = () => blocks().filter((b) => b.startsWith('[#staff'));
    // Every message reaches the staff channel through some instance's outbox worker.
    await Promise.all(
      procs.map((p) => p.waitFor(() => expected.every((t) => staffLines().some((l) => l.includes(t))), 60_000)),
    );
    // Let every worker poll a few more times: nothing may arrive twice.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const proc of procs) expect(await proc.end()).toBe(0);

    for (const text of expected) {
      expect(
        staffLines().filter((l) => l.includes(text)),
        text,
      ).toHaveLength(1);
    }
    const reports = blocks().filter((b) => b.startsWith('[#reports]'));
    const headline = (prefix: string) => reports.filter((l) => l.startsWith(`[#reports] ${prefix}`));
    expect(headline('Monthly access review for')).toHaveLength(1);
    expect(headline('Ticket summary for 2026-')).toHaveLength(2); // the monthly and the weekly one
    expect(new Set(reports).size).toBe(reports.length);
  }, 120_000);

  it('acts once on a platform event that reaches two instances at the same time', async () => {
    const instances: Steward[] = [];
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        DATABASE_URL: db.url,
        STEWARD_MASTER_KEY: masterKey,
        STEWARD_RELAY_NEW_MEMBER_MINUTES: '0',
      });
      instances.push(await Steward.start(config, { logger: createLogger({ level: 'silent' }), skipMigrations: true }));
    }
    const input = {
      account: consoleAccount('dora'),
      displayName: 'dora',
      parseMention: parseConsoleMention,
      text: 'the same platform event, delivered twice',
      eventId: 'evt-shared-1',
    };
    const outcomes = await Promise.all(instances.map((s) => s.directMessage(input)));
    expect(outcomes.filter((o) => o.duplicate)).toHaveLength(1);
    expect(outcomes.filter((o) => o.ok && !o.duplicate)).toHaveLength(1);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM "ProcessedEvent" WHERE key = 'console:evt-shared-1'`,
    );
    await client.end();
    expect(rows[0].n).toBe(1);
    for (const s of instances) await s.close();
  });
});
