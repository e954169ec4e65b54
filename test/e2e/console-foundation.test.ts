// Given a fresh Steward on the console adapter, a person can get help, see status,
// and is told clearly what is wrong with a bad command, with nothing changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
beforeEach(async () => {
  bot = await startTestSteward();
});
afterEach(async () => {
  await bot.close();
});

describe('console adapter: foundation', () => {
  it('makes the first member of a fresh database super admin and says so, but nobody after', async () => {
    const out = await bot.run('/as alice\n/as bob');
    expect(out).toContain('[ephemeral to alice] alice is the first member of this new database and is now super_admin');
    expect(out).not.toContain('bob is the first member');
  });

  it('lists only the commands the invoker may run, with usage', async () => {
    await bot.run('/as alice');
    const out = await bot.run('/as bob\n/steward help');
    expect(out).toContain('[ephemeral to bob]');
    expect(out).toContain('/steward help [command]');
    expect(out).toContain('/steward status');
  });

  it('shows version, store, adapters and uptime', async () => {
    await bot.run('/as alice');
    bot.clock.advance(65_000);
    const out = await bot.run('/steward status');
    expect(out).toMatch(/Version: \d+\.\d+\.\d+/);
    expect(out).toContain('Store: SQLite');
    expect(out).toContain('Adapters: console');
    expect(out).toContain('Uptime: 1m 5s');
  });

  it('names an unknown command and points to help', async () => {
    const out = await bot.run('/as alice\n/frobnicate now');
    expect(out).toContain('There is no /frobnicate command. Run /steward help');
  });

  it('names an unknown subcommand and lists the real ones', async () => {
    const out = await bot.run('/as alice\n/steward stauts');
    expect(out).toContain('/steward has no subcommand "stauts". Try one of: help, status');
  });

  it('names a bad argument, shows usage, and changes nothing', async () => {
    const out = await bot.run('/as alice\n/steward status verbose');
    expect(out).toContain('unexpected extra words: "verbose"');
    expect(out).toContain('Usage: /steward status');
  });

  it('does not create a member for someone whose first command is bad', async () => {
    await bot.run('/as alice');
    const outcome = await bot.steward.command({
      account: consoleAccount('carol'),
      displayName: 'carol',
      parseMention: parseConsoleMention,
      group: 'steward',
      text: 'nonsense',
      channel: null,
    });
    expect(outcome.ok).toBe(false);
    expect(await bot.steward.services.store.repos.members.count()).toBe(1);
  });
});
