// Exactly once: a platform that delivers the same DM event three times gets one stored
// message and one staff post; a process killed between storing a message and delivering
// it delivers it exactly once after a restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { generateMasterKeyBase64 } from '../../src/crypto/master-key.js';
import { readySodium } from '../../src/crypto/sodium.js';
import { createLogger } from '../../src/logger.js';
import { Steward } from '../../src/steward.js';
import { projectRoot } from '../../src/store/migrations.js';
import type { PrismaStore } from '../../src/store/store.js';
import { pgReachable } from '../support/postgres.js';
import { dm, linesTo, prismaOf, RecordingDeliverer } from '../support/relay-fixtures.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

const providers: Provider[] = (await pgReachable()) ? ['sqlite', 'postgresql'] : ['sqlite'];

describe.each(providers)('the same DM event three times (%s)', (provider) => {
  let bot: TestSteward;
  afterEach(async () => {
    await bot.close();
  });

  it('stores one message and delivers one staff post', async () => {
    bot = await startTestSteward({ provider });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await dm(bot, 'carol', 'Please only once', 'evt-42'));
    expect(outcomes.map((o) => [o.ok, o.duplicate ?? false])).toEqual([
      [true, false],
      [true, true],
      [true, true],
    ]);
    expect(await prismaOf(bot).relayMessage.count()).toBe(1);
    const posts = linesTo(bot.transcript(), '#staff thread C-1');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain('Please only once');
    // A different event id with the same text is a new message (here: a held duplicate).
    await dm(bot, 'carol', 'Please only once', 'evt-43');
    expect(await prismaOf(bot).relayMessage.count()).toBe(2);
  });
});

describe.skipIf(!providers.includes('postgresql'))('simultaneous messages from one member (postgresql)', () => {
  // Today identification's update of the member row already serialises these; the
  // relay repository's ON CONFLICT guard keeps it true if that ever changes.
  it('join one conversation instead of opening two', async () => {
    const bot = await startTestSteward({ provider: 'postgresql' });
    try {
      await dm(bot, 'carol', 'first');
      await bot.run('/as admin\n/as carol');
      await prismaOf(bot).relayConversation.deleteMany();
      await prismaOf(bot).relayMessage.deleteMany();
      const send = (text: string) =>
        bot.steward.directMessage({
          account: consoleAccount('carol'),
          displayName: 'carol',
          parseMention: parseConsoleMention,
          text,
        });
      const outcomes = await Promise.all([send('left'), send('right'), send('middle')]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
      expect(await prismaOf(bot).relayConversation.count()).toBe(1);
      expect(await prismaOf(bot).relayMessage.count()).toBe(3);
    } finally {
      await bot.close();
    }
  });
});

describe('a crash between storing and delivering', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-crash-'));
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers exactly once after the process is killed and restarted', async () => {
    await readySodium();
    const file = path.join(dir, 'steward.db');
    copyFileSync(inject('sqliteTemplate'), file);
    const env = {
      DATABASE_URL: `file:${file}`,
      STEWARD_DATA_DIR: dir,
      STEWARD_MASTER_KEY: generateMasterKeyBase64(),
      CRASH_TEXT: 'My account was hacked, please lock it',
    };
    const tsx = pathToFileURL(createRequire(path.join(projectRoot, 'package.json')).resolve('tsx')).href;
    child = spawn(process.execPath, ['--import', tsx, path.join(projectRoot, 'test/support/relay-crash-child.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child!.on('exit', (_code, signal) => resolve(signal)),
    );
    const deadline = Date.now() + 30_000;
    while (!(stdout.includes('STORED true') && stdout.includes('DELIVERING'))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`child did not get there:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Restart on the same database, after the dead worker's claim (lease) has lapsed.
    const clock = new ManualClock(new Date(Date.now() + 5 * 60_000));
    const steward = await Steward.start(loadConfig(env), {
      clock,
      skipMigrations: true,
      logger: createLogger({ level: 'silent' }),
    });
    try {
      const recorder = new RecordingDeliverer();
      steward.attach(recorder);
      // The platform, having had no acknowledgement, delivers the event again.
      const again = await steward.directMessage({
        account: consoleAccount('carol'),
        displayName: 'carol',
        parseMention: parseConsoleMention,
        text: env.CRASH_TEXT,
        eventId: 'evt-crash-1',
      });
      expect(again.duplicate).toBe(true);
      await steward.outbox.drain();
      await steward.outbox.drain();
      const staffPosts = recorder.deliveries.filter((d) => d.kind === 'channel' && d.to === 'staff');
      expect(staffPosts).toHaveLength(1);
      expect(staffPosts[0]!.message.text).toContain(env.CRASH_TEXT);
      expect(staffPosts[0]!.message.threadKey).toBe('C-1');
      const prisma = (steward.services.store as PrismaStore).prisma;
      expect(await prisma.relayMessage.count()).toBe(1);
      expect(await steward.services.store.repos.outbox.pendingCount()).toBe(0);
    } finally {
      await steward.close();
    }
  }, 60_000);
});
