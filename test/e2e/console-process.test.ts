// `npm start` as a new user runs it: a script piped on stdin, a fresh directory, no
// configuration. And a broken configuration stops start-up with one clear message.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStewardProcess } from '../support/run-steward.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'steward-proc-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

describe('npm start on a fresh machine', () => {
  it('creates and migrates ./data/steward.db, generates an owner-only key, and runs a piped script', async () => {
    const script = ['# a comment', '/as alice', '/steward status', '/as bob', '/steward help steward', ''].join('\n');
    const result = await runStewardProcess(['--console'], { cwd, stdin: script });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('[steward] Generated a new master encryption key at data/master.key');
    expect(result.stdout).toContain(
      '[ephemeral to alice] alice is the first member of this new database and is now super_admin',
    );
    expect(result.stdout).toContain('Store: SQLite');
    expect(result.stdout).toContain('[ephemeral to bob]');
    expect(result.stdout).toContain('/steward status');
    expect(statSync(path.join(cwd, 'data', 'steward.db')).size).toBeGreaterThan(0);
    expect(statSync(path.join(cwd, 'data', 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('keeps its data between runs: the second start does not make a new super admin or key', async () => {
    await runStewardProcess(['--console'], { cwd, stdin: '/as alice\n' });
    const second = await runStewardProcess(['--console'], { cwd, stdin: '/as bob\n/steward status\n' });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('Generated a new master encryption key');
    expect(second.stdout).not.toContain('first member');
  });

  it('with --strict, stops at the first failed command and exits non-zero', async () => {
    const script = '/as alice\n/steward help\n/steward nope\n/steward status\n';
    const result = await runStewardProcess(['--console', '--strict'], { cwd, stdin: script });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('/steward has no subcommand "nope"');
    expect(result.stdout).toContain('Stopped at line 3 (--strict)');
    expect(result.stdout).not.toContain('Store: SQLite');
  });

  it('without --strict, reports the failure and carries on to exit 0', async () => {
    const result = await runStewardProcess(['--console'], {
      cwd,
      stdin: '/as alice\n/steward nope\n/steward status\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('/steward has no subcommand "nope"');
    expect(result.stdout).toContain('Store: SQLite');
  });
});

describe('a broken configuration', () => {
  it('lists every bad variable with what it expects, never echoes a secret, and starts nothing', async () => {
    const result = await runStewardProcess(['--console'], {
      cwd,
      env: {
        DATABASE_URL: 'mysql://root@localhost/steward',
        SLACK_BOT_TOKEN: 'xoxb-very-secret-token',
        LOG_LEVEL: 'loud',
        DISCORD_APPLICATION_ID: 'not-a-snowflake',
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Steward cannot start');
    expect(result.stderr).toMatch(/DATABASE_URL: expected file:<path> \(SQLite\) or postgresql:\/\//);
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN');
    expect(result.stderr).toMatch(/LOG_LEVEL: .*"info"/);
    expect(result.stderr).toContain('DISCORD_APPLICATION_ID: a Discord application id');
    expect(result.stderr + result.stdout).not.toContain('xoxb-very-secret-token');
    expect(() => statSync(path.join(cwd, 'data'))).toThrow();
  });

  it('requires a master key with PostgreSQL', async () => {
    const result = await runStewardProcess(['--console'], {
      cwd,
      env: { DATABASE_URL: 'postgresql://steward:hunter2@127.0.0.1:5432/steward' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('STEWARD_MASTER_KEY: required with PostgreSQL');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('rejects a master key that is not 32 bytes of base64', async () => {
    const result = await runStewardProcess(['--console'], { cwd, env: { STEWARD_MASTER_KEY: 'c2hvcnQ=' } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'STEWARD_MASTER_KEY (or the key file) is invalid: must be 32 bytes, base64-encoded',
    );
  });
});
