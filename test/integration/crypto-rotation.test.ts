// Master-key rotation: every data key is re-wrapped under the new key and everything
// written before reads back; the old key opens nothing; `npm run keys:rotate` replaces a
// key file (SQLite default) or prints the new key (configured STEWARD_MASTER_KEY), and a
// run interrupted after its commit is finished by running it again.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { KeyRing } from '../../src/crypto/keyring.js';
import { generateMasterKeyBase64, masterKeyFrom } from '../../src/crypto/master-key.js';
import { nextKeyFile, RotationError, rotateKeyFile, rotateMasterKey } from '../../src/crypto/rotation.js';
import { readySodium } from '../../src/crypto/sodium.js';
import { projectRoot } from '../../src/store/migrations.js';
import { pgReachable } from '../support/postgres.js';
import { dm, staffTeam } from '../support/relay-fixtures.js';
import { reopenSteward } from '../support/relay-reopen.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

beforeAll(async () => {
  await readySodium();
});

const WRITTEN = ['rotation check one', 'rotation check two'];

async function writeConversation(run: (lines: string) => Promise<string>, send: (text: string) => Promise<unknown>) {
  await run('/as admin\n/as mo\n/as sam\n/as admin\n/role assign @mo moderator\n/role assign @sam support');
  await send(WRITTEN[0]!);
  await run(`/as sam\n/relay reply C-1 ${WRITTEN[1]}`);
}

const providers: Provider[] = (await pgReachable()) ? ['sqlite', 'postgresql'] : ['sqlite'];

describe.each(providers)('rotating the master key (%s)', (provider) => {
  let bot: TestSteward;
  afterEach(async () => {
    await bot.close();
  });

  it('re-wraps every data key; everything reads back with the new key and not with the old', async () => {
    const oldKey = generateMasterKeyBase64();
    bot = await startTestSteward({ provider, env: { STEWARD_MASTER_KEY: oldKey } });
    await staffTeam(bot);
    await dm(bot, 'carol', WRITTEN[0]!);
    await bot.run(`/as sam\n/relay reply C-1 ${WRITTEN[1]}`);
    const { store } = bot.steward.services;
    const before = await store.repos.dataKeys.all();
    expect(before.length).toBeGreaterThanOrEqual(2); // carol's key and the system key

    const newKey = generateMasterKeyBase64();
    const result = await rotateMasterKey(store, masterKeyFrom(oldKey), masterKeyFrom(newKey));
    expect(result.rewrapped).toBe(before.length);
    const after = await store.repos.dataKeys.all();
    expect(new Set(after.map((k) => k.masterKeyId))).toEqual(new Set([masterKeyFrom(newKey).id]));
    expect(after.map((k) => k.id).sort()).toEqual(before.map((k) => k.id).sort());

    const env = { DATABASE_URL: bot.databaseUrl, STEWARD_MASTER_KEY: newKey, STEWARD_DATA_DIR: os.tmpdir() };
    const restarted = await reopenSteward(env, bot.clock);
    try {
      const out = await restarted.run('/as mo\n/relay transcript C-1');
      for (const text of WRITTEN) expect(out).toContain(text);
    } finally {
      await restarted.close();
    }
    const carolKey = after.find((k) => k.ownerId !== 'system')!;
    await expect(
      new KeyRing(masterKeyFrom(oldKey)).open(store.repos.dataKeys, { ciphertext: 'v1.x.y', keyId: carolKey.id }),
    ).rejects.toThrow();
  });

  it('refuses, changing nothing, when the given current key is not the one in use', async () => {
    bot = await startTestSteward({ provider });
    await dm(bot, 'carol', 'hello');
    const before = await bot.steward.services.store.repos.dataKeys.all();
    const wrong = masterKeyFrom(generateMasterKeyBase64());
    await expect(
      rotateMasterKey(bot.steward.services.store, wrong, masterKeyFrom(generateMasterKeyBase64())),
    ).rejects.toThrow(RotationError);
    expect(await bot.steward.services.store.repos.dataKeys.all()).toEqual(before);
  });
});

describe('npm run keys:rotate', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const tsx = pathToFileURL(createRequire(path.join(projectRoot, 'package.json')).resolve('tsx')).href;
  const runScript = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', tsx, path.join(projectRoot, 'scripts/keys-rotate.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  function freshDatabase() {
    dir = mkdtempSync(path.join(os.tmpdir(), 'steward-rotate-'));
    const file = path.join(dir, 'steward.db');
    copyFileSync(inject('sqliteTemplate'), file);
    return { DATABASE_URL: `file:${file}`, STEWARD_DATA_DIR: path.join(dir, 'data') };
  }

  it('replaces the key file of a SQLite deployment and keeps every message readable', async () => {
    const env = freshDatabase();
    const first = await reopenSteward(env);
    await writeConversation(first.run, (text) => first.run(`/as carol\n${text}`));
    await first.close();
    const keyFile = path.join(env.STEWARD_DATA_DIR, 'master.key');
    const oldKey = readFileSync(keyFile, 'utf8');

    const result = runScript(env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Re-wrapped \d+ data key\(s\) from master key mk-\w+ to mk-\w+/);
    const newKey = readFileSync(keyFile, 'utf8');
    expect(newKey).not.toBe(oldKey);
    expect(result.stdout).not.toContain(oldKey.trim());
    expect(existsSync(nextKeyFile(keyFile))).toBe(false);

    const second = await reopenSteward(env);
    try {
      const out = await second.run('/as mo\n/relay transcript C-1');
      for (const text of WRITTEN) expect(out).toContain(text);
    } finally {
      await second.close();
    }
  });

  it('prints a new key for a deployment that configures STEWARD_MASTER_KEY, or uses the one supplied', async () => {
    const env = { ...freshDatabase(), STEWARD_MASTER_KEY: generateMasterKeyBase64() };
    const first = await reopenSteward(env);
    await writeConversation(first.run, (text) => first.run(`/as carol\n${text}`));
    await first.close();

    const printed = runScript(env);
    expect(printed.status, printed.stderr).toBe(0);
    const newKey = /store it now[^\n]*\n(\S+)/.exec(printed.stdout)?.[1];
    expect(newKey && masterKeyFrom(newKey).id).toMatch(/^mk-/);
    expect(printed.stdout).toContain('Set STEWARD_MASTER_KEY to the new key');

    const supplied = generateMasterKeyBase64();
    const again = runScript({ ...env, STEWARD_MASTER_KEY: newKey!, STEWARD_NEW_MASTER_KEY: supplied });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain(supplied);

    const stale = runScript(env);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('not by the configured key');

    const reopened = await reopenSteward({ ...env, STEWARD_MASTER_KEY: supplied });
    try {
      expect(await reopened.run('/as mo\n/relay transcript C-1')).toContain(WRITTEN[0]);
    } finally {
      await reopened.close();
    }
  });

  it('finishes a rotation that committed but was interrupted before replacing the key file', async () => {
    const env = freshDatabase();
    const first = await reopenSteward(env);
    await writeConversation(first.run, (text) => first.run(`/as carol\n${text}`));
    const keyFile = path.join(env.STEWARD_DATA_DIR, 'master.key');
    const current = masterKeyFrom(readFileSync(keyFile, 'utf8'));
    const next = generateMasterKeyBase64();
    // What an interrupted run leaves: the new key beside the old, the database already re-wrapped.
    writeFileSync(nextKeyFile(keyFile), `${next}\n`, { mode: 0o600 });
    await rotateMasterKey(first.steward.services.store, current, masterKeyFrom(next));
    const resumed = await rotateKeyFile(first.steward.services.store, keyFile, generateMasterKeyBase64());
    await first.close();
    expect(resumed.resumed).toBe(true);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(next);

    const second = await reopenSteward(env);
    try {
      expect(await second.run('/as mo\n/relay transcript C-1')).toContain(WRITTEN[1]);
    } finally {
      await second.close();
    }
  });
});
