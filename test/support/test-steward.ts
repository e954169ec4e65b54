// A real Steward (real Prisma, real SQLite or PostgreSQL, real crypto) driven through the
// console adapter, Errbot-style: push lines in, read labelled output back.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { inject } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { generateMasterKeyBase64 } from '../../src/crypto/master-key.js';
import { readySodium } from '../../src/crypto/sodium.js';
import { createLogger } from '../../src/logger.js';
import { Steward, type StewardOptions } from '../../src/steward.js';
import { createPgDatabase } from './postgres.js';

export type Provider = 'sqlite' | 'postgresql';

export interface TestStewardOptions extends Omit<StewardOptions, 'clock' | 'logger'> {
  provider?: Provider;
  env?: Record<string, string>;
  clock?: ManualClock;
}

export interface TestSteward {
  steward: Steward;
  clock: ManualClock;
  console: ConsoleAdapter;
  databaseUrl: string;
  /** Runs console lines (one per line of the string); returns the output they produced. */
  run(lines: string): Promise<string>;
  /** Everything printed so far. */
  transcript(): string;
  close(): Promise<void>;
}

export async function startTestSteward(options: TestStewardOptions = {}): Promise<TestSteward> {
  await readySodium();
  const provider = options.provider ?? 'sqlite';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-'));
  let databaseUrl: string;
  let dropPg: (() => Promise<void>) | undefined;
  if (provider === 'sqlite') {
    const file = path.join(dir, 'steward.db');
    copyFileSync(inject('sqliteTemplate'), file);
    databaseUrl = `file:${file}`;
  } else {
    const db = await createPgDatabase(inject('pgTemplate') || undefined);
    databaseUrl = db.url;
    dropPg = db.drop;
  }
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    STEWARD_DATA_DIR: dir,
    STEWARD_MASTER_KEY: generateMasterKeyBase64(),
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock();
  const steward = await Steward.start(config, {
    firstMemberIsSuperAdmin: true,
    ...options,
    clock,
    logger: createLogger({ level: process.env.STEWARD_TEST_LOG ?? 'silent' }),
    skipMigrations: true,
  });
  const output = new PassThrough();
  let all = '';
  output.on('data', (chunk) => {
    all += chunk.toString();
  });
  const adapter = new ConsoleAdapter(steward, {
    input: new PassThrough(),
    output,
    interactive: false,
    strict: false,
  });
  return {
    steward,
    clock,
    console: adapter,
    databaseUrl,
    async run(lines) {
      const before = all.length;
      for (const line of lines.split('\n')) await adapter.handleLine(line);
      return all.slice(before);
    },
    transcript: () => all,
    async close() {
      await steward.close();
      await dropPg?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
