// /link: one person with a console (or Slack) account and a Discord account becomes one
// member, with a one-time code shown on one platform and confirmed from the other; roles,
// tickets and conversations follow the person; unlinking splits an account off again.
// Driven through steward.command directly, exactly as the adapters call it.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { discordMentionParser } from '../../adapters/discord/mentions.js';
import type { Invoker } from '../../src/commands/dispatch.js';
import { auditCount as countAudit, prismaOf } from '../support/fake-discord-harness.js';
import { pgReachable } from '../support/postgres.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
const pg = await pgReachable();

const GUILD = '800000000000000001';
const onConsole = (name: string): Invoker => ({
  account: consoleAccount(name),
  displayName: name,
  parseMention: parseConsoleMention,
});
const onDiscord = (userId: string, name: string): Invoker => ({
  account: { platform: 'discord', workspaceId: GUILD, userId },
  displayName: name,
  parseMention: discordMentionParser(GUILD),
});
const onSlack = (userId: string, name: string): Invoker => ({
  account: { platform: 'slack', workspaceId: 'T0001', userId },
  displayName: name,
  parseMention: () => null,
});

function run(who: Invoker, group: string, subcommand?: string, options?: Record<string, unknown>, text?: string) {
  return bot.steward.command({ ...who, group, subcommand, options, text, channel: null });
}

async function codeFor(who: Invoker): Promise<string> {
  const outcome = await run(who, 'link', 'start', {});
  expect(outcome.ok).toBe(true);
  const shown = outcome.replies.at(-1)!;
  const match = /Your link code is ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(shown.text);
  expect(match, shown.text).not.toBeNull();
  expect(shown.visibility).toBe('ephemeral');
  return match![1]!;
}

const repos = () => bot.steward.services.store.repos;
const memberOf = (who: Invoker) => repos().members.findByAccount(who.account);
const rolesOf = async (who: Invoker) => {
  const member = await memberOf(who);
  return (await repos().grants.unrevokedFor(member!.id)).map((g) => g.role).sort();
};
const auditCount = (action: string) => countAudit(bot.steward, action);

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe.skipIf(provider === 'postgresql' && !pg)(`/link (${provider})`, () => {
    beforeEach(async () => {
      bot = await startTestSteward({ provider });
    });
    afterEach(async () => {
      await bot.close();
    });

    it('joins a new Discord account to an existing console member: roles follow, both steps audited', async () => {
      const alice = onConsole('alice');
      await run(alice, 'steward', 'help', {}); // first member: super_admin
      const aliceDiscord = onDiscord('900000000000000001', 'Alice D');
      const code = await codeFor(alice);
      const outcome = await run(aliceDiscord, 'link', 'confirm', { code });
      expect(outcome.ok, outcome.replies[0]?.text).toBe(true);
      expect(outcome.replies[0]!.text).toContain('Your console and discord accounts are now linked');

      const member = await memberOf(aliceDiscord);
      expect(member!.id).toBe((await memberOf(alice))!.id);
      expect(await repos().members.accounts(member!.id)).toHaveLength(2);
      expect(await rolesOf(aliceDiscord)).toEqual(['member', 'super_admin']); // one `member` grant, not two
      expect(await repos().members.count()).toBe(1);
      expect(await auditCount('link.start')).toBe(1);
      expect(await auditCount('link.confirm')).toBe(1);
    });

    it('keeps the member with history when the code comes from a brand-new account', async () => {
      const bob = onDiscord('900000000000000002', 'Bob');
      const opened = await run(bob, 'ticket', undefined, undefined, 'open The projector in room 2 is dead');
      expect(opened.ok, opened.replies[0]?.text).toBe(true);
      const bobSlack = onSlack('U0BOB', 'bob');
      const code = await codeFor(bobSlack); // a brand-new Slack member asks for the code
      const outcome = await run(bob, 'link', 'confirm', { code });
      expect(outcome.ok, outcome.replies[0]?.text).toBe(true);
      const member = await memberOf(bobSlack);
      expect(member!.id).toBe((await memberOf(bob))!.id);
      const mine = await run(bobSlack, 'ticket', 'list', {});
      expect(JSON.stringify(mine.replies)).toContain('The projector in room 2 is dead');
    });

    it('refuses to join two accounts that both have history, and changes nothing', async () => {
      const carol = onConsole('carol');
      const carolDiscord = onDiscord('900000000000000003', 'Carol');
      expect((await run(carol, 'ticket', undefined, undefined, 'open Wifi drops every hour')).ok).toBe(true);
      expect((await run(carolDiscord, 'ticket', undefined, undefined, 'open Cannot log in to the portal')).ok).toBe(
        true,
      );
      const code = await codeFor(carol);
      const outcome = await run(carolDiscord, 'link', 'confirm', { code });
      expect(outcome.ok).toBe(false);
      expect(outcome.replies[0]!.text).toContain('Both accounts already have their own history in Steward');
      expect(outcome.replies[0]!.text).toContain('tickets');
      expect((await memberOf(carol))!.id).not.toBe((await memberOf(carolDiscord))!.id);
      expect(await auditCount('link.confirm')).toBe(0);
    });

    it('stores only a hash of the code, which expires after 10 minutes and works once', async () => {
      const dave = onConsole('dave');
      const code = await codeFor(dave);
      const rows = await prismaOf(bot.steward).linkCode.findMany();
      expect(JSON.stringify(rows)).not.toContain(code.replace('-', ''));
      expect(rows[0]!.codeHash).toBe(createHash('sha256').update(code.replace('-', '')).digest('hex'));

      bot.clock.advance(11 * 60_000);
      const late = await run(onDiscord('900000000000000004', 'Dave'), 'link', 'confirm', { code });
      expect(late.ok).toBe(false);
      expect(late.replies[0]!.text).toContain('That link code is not valid');

      const fresh = await codeFor(dave);
      expect(
        (await run(onDiscord('900000000000000004', 'Dave'), 'link', 'confirm', { code: fresh.toLowerCase() })).ok,
      ).toBe(true);
      const again = await run(onSlack('U0DAVE', 'dave'), 'link', 'confirm', { code: fresh });
      expect(again.ok).toBe(false);
      expect(again.replies[0]!.text).toContain('That link code is not valid');
    });

    it('refuses a code confirmed from the same platform it was made on', async () => {
      const code = await codeFor(onConsole('erin'));
      const outcome = await run(onConsole('erin2'), 'link', 'confirm', { code });
      expect(outcome.ok).toBe(false);
      expect(outcome.replies[0]!.text).toContain('This code was created on console');
    });

    it('unlinks an account into a separate member; roles stay with the original, both audited', async () => {
      const alice = onConsole('alice');
      await run(alice, 'steward', 'help', {});
      const aliceDiscord = onDiscord('900000000000000005', 'Alice D');
      await run(aliceDiscord, 'link', 'confirm', { code: await codeFor(alice) });

      const outcome = await run(aliceDiscord, 'link', 'remove', {});
      expect(outcome.ok, outcome.replies[0]?.text).toBe(true);
      expect(outcome.replies[0]!.text).toContain('Your discord account is no longer linked');
      expect((await memberOf(aliceDiscord))!.id).not.toBe((await memberOf(alice))!.id);
      expect(await rolesOf(aliceDiscord)).toEqual(['member']);
      expect(await rolesOf(alice)).toEqual(['member', 'super_admin']);
      expect(await auditCount('link.remove')).toBe(1);

      const alone = await run(aliceDiscord, 'link', 'remove', {});
      expect(alone.ok).toBe(false);
      expect(alone.replies[0]!.text).toContain('there is nothing to unlink');
    });

    it('unlinks a named platform from the other account', async () => {
      const frank = onConsole('frank');
      const frankDiscord = onDiscord('900000000000000006', 'Frank');
      await run(frankDiscord, 'link', 'confirm', { code: await codeFor(frank) });
      const outcome = await run(frank, 'link', 'remove', { platform: 'discord' });
      expect(outcome.ok, outcome.replies[0]?.text).toBe(true);
      expect((await memberOf(frankDiscord))!.id).not.toBe((await memberOf(frank))!.id);
    });
  });
}
