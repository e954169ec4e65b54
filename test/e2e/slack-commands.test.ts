// Given Steward on Slack, every registry command is a slash command: Slack gets its ack at
// once, the reply arrives through response_url (ephemeral) or as a channel post, bad input
// is explained with usage and changes nothing, and mentions name Slack members.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../support/fake-slack.js';
import { type SlackTestBed, startSlackTestBed } from '../support/fake-slack-harness.js';
import { slashCommand } from '../support/fake-slack-requests.js';

const owner: FakeUser = { id: 'U0OWNER01', name: 'olivia', real_name: 'Olivia Owner', is_primary_owner: true };
const bob: FakeUser = { id: 'U0BOB0001', name: 'bob', display_name: 'Bobby' };
const carol: FakeUser = { id: 'U0CAROL01', name: 'carol' };

let t: SlackTestBed;
beforeEach(async () => {
  t = await startSlackTestBed({ users: [owner, bob, carol] });
});
afterEach(async () => {
  await t.close();
});

const grantsOf = async (user: FakeUser) => {
  const repos = t.bot.steward.services.store.repos;
  const member = await repos.members.findByAccount({ platform: 'slack', workspaceId: 'T0STEWARD', userId: user.id });
  return member ? (await repos.grants.unrevokedFor(member.id)).map((g) => g.role).sort() : [];
};

describe('Slack slash commands', () => {
  it('acknowledges at once and answers /steward help privately through response_url, escaped for Slack', async () => {
    const started = Date.now();
    const ack = await t.slack.command(
      slashCommand({ command: '/steward', text: 'status', userId: bob.id, responseUrl: t.fake.responseUrl() }),
    );
    expect(ack.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);

    const run = await t.command(bob, '/steward', 'help');
    expect(run.status).toBe(200);
    const [first] = run.replies;
    expect(first!.args.response_type).toBe('ephemeral');
    // <angle brackets> in usage must not become Slack links.
    expect(run.text).toContain('&lt;');
    expect(run.text).toContain('/steward help');
    expect(JSON.stringify(first!.args.blocks)).toContain('/steward status');
  });

  it('names the bad argument, shows usage, and changes nothing', async () => {
    await t.command(owner, '/steward', 'status');
    const run = await t.command(owner, '/role', 'assign');
    expect(run.replies[0]!.args.response_type).toBe('ephemeral');
    expect(run.text).toContain('`member` is missing');
    expect(run.text).toContain('Usage: /role assign');
    expect(await grantsOf(owner)).toEqual(['member', 'super_admin']);
  });

  it('makes the workspace primary owner super admin when STEWARD_SUPER_ADMINS is empty, and nobody else', async () => {
    const first = await t.command(carol, '/steward', 'status');
    expect(first.text).not.toContain('super_admin');
    const run = await t.command(owner, '/steward', 'status');
    expect(run.text).toContain('Olivia Owner owns this workspace and is now super_admin');
    expect(await grantsOf(owner)).toEqual(['member', 'super_admin']);
    expect(await grantsOf(carol)).toEqual(['member']);
  });

  it('resolves a Slack mention <@U…|name> to that member', async () => {
    await t.command(bob, '/steward', 'help');
    await t.command(owner, '/steward', 'status');
    const run = await t.command(owner, '/role', `assign <@${bob.id}|bob> support reason:"covering &amp; learning"`);
    expect(run.text).toMatch(/support/);
    expect(await grantsOf(bob)).toEqual(['member', 'support']);
  });

  it('posts channel-visible replies in the channel, and through response_url when the bot is not in it', async () => {
    const run = await t.command(carol, '/ticket', 'open The projector shows nothing', {
      channelId: 'C0ROOM001',
      channelName: 'room-1',
    });
    const post = await t.fake.waitFor(() =>
      t.fake.accepted('chat.postMessage').find((c) => c.args.channel === 'C0ROOM001'),
    );
    expect(String(post.args.text)).toMatch(/T-\d+/);
    expect(run.replies.every((r) => r.args.response_type === 'ephemeral')).toBe(true);

    t.fake.failNext('chat.postMessage', {
      status: 200,
      error: 'not_in_channel',
      when: (a) => a.channel === 'C0ROOM002',
    });
    const responseUrl = t.fake.responseUrl();
    await t.slack.command(
      slashCommand({
        command: '/ticket',
        text: 'open The sound is gone',
        userId: carol.id,
        responseUrl,
        channelId: 'C0ROOM002',
        channelName: 'room-2',
      }),
    );
    const inChannel = await t.fake.waitFor(() =>
      t.fake
        .callsOf('response_url')
        .find((c) => c.path === new URL(responseUrl).pathname && c.args.response_type === 'in_channel'),
    );
    expect(String(inChannel.args.text)).toMatch(/T-\d+/);
  });

  it('acts once on a slash command Slack delivers three times', async () => {
    const fields = slashCommand({
      command: '/ticket',
      text: 'open Wifi is down',
      userId: carol.id,
      responseUrl: t.fake.responseUrl(),
      channelId: 'C0ROOM003',
    });
    const statuses = [
      (await t.slack.command(fields)).status,
      (await t.slack.command(fields, { retryNum: 1 })).status,
      (await t.slack.command(fields, { retryNum: 2 })).status,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    await t.fake.waitFor(() => t.fake.accepted('chat.postMessage').find((c) => c.args.channel === 'C0ROOM003'));
    await new Promise((r) => setTimeout(r, 400));
    expect(t.fake.accepted('chat.postMessage').filter((c) => c.args.channel === 'C0ROOM003')).toHaveLength(1);
    const { total } = await t.bot.steward.services.store.repos.tickets.list({}, 10);
    expect(total).toBe(1);
  });
});
