// Given Steward on Slack with a staff channel, a member's DM to the bot opens a
// conversation that appears as a thread in the staff channel; a staff reply in that
// thread reaches the member as a DM marked "Verified staff"; a redelivered event acts once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERIFIED_STAFF_LABEL } from '../../adapters/slack/blocks.js';
import type { FakeUser, RecordedCall } from '../support/fake-slack.js';
import { type SlackTestBed, STAFF_CHANNEL, startSlackTestBed } from '../support/fake-slack-harness.js';
import { directMessage, threadReply } from '../support/fake-slack-requests.js';

const member: FakeUser = { id: 'U0MEMBER1', name: 'maria', real_name: 'Maria Member' };
const staff: FakeUser = { id: 'U0STAFF01', name: 'sam', real_name: 'Sam Staff' };
const bystander: FakeUser = { id: 'U0OTHER01', name: 'olly' };

let t: SlackTestBed;
beforeEach(async () => {
  t = await startSlackTestBed({
    users: [member, staff, bystander],
    env: { STEWARD_SUPER_ADMINS: `slack:${staff.id}` },
  });
});
afterEach(async () => {
  await t.close();
});

const staffPosts = () => t.fake.accepted('chat.postMessage').filter((c) => c.args.channel === STAFF_CHANNEL);
const dmPostsTo = (user: FakeUser) =>
  t.fake.accepted('chat.postMessage').filter((c) => c.args.channel === `D${user.id.slice(1)}`);
const blocksText = (call: RecordedCall) => JSON.stringify(call.args.blocks ?? []);

async function memberOpensConversation(text: string) {
  const res = await t.slack.event(directMessage({ userId: member.id, text }));
  expect(res.status).toBe(200);
  const [post] = await t.fake.waitFor(
    () => (staffPosts().length ? staffPosts() : undefined),
    15_000,
    'the staff channel post',
  );
  return post!;
}

describe('Slack relay: DMs and staff threads', () => {
  it('posts a member DM as a new thread in the staff channel and keeps later DMs in that thread', async () => {
    const first = await memberOpensConversation('My login keeps failing since this morning');
    expect(first.args.thread_ts).toBeUndefined();
    expect(String(first.args.text)).toContain('My login keeps failing since this morning');
    expect(String(first.args.text)).toMatch(/New conversation C-\d+/);
    // Staff see the pseudonym, not the Slack name.
    expect(String(first.args.text)).not.toContain('Maria');
    await t.bot.steward.outbox.drain(); // the link is saved right after Slack accepts the post
    const link = await t.bot.steward.services.store.repos.threadLinks.byThread(
      'slack',
      STAFF_CHANNEL,
      String(first.response.ts),
    );
    expect(link?.threadKey).toMatch(/^C-\d+$/);

    await t.slack.event(directMessage({ userId: member.id, text: 'Also the VPN drops' }));
    const posts = await t.fake.waitFor(() => (staffPosts().length >= 2 ? staffPosts() : undefined));
    expect(posts[1]!.args.thread_ts).toBe(first.response.ts);
    expect(String(posts[1]!.args.text)).toContain('Also the VPN drops');
  });

  it('relays a staff reply in the thread back to the member as a verified-staff DM', async () => {
    const first = await memberOpensConversation('Can someone reset my access?');
    const threadTs = String(first.response.ts);

    await t.slack.event(
      threadReply({ userId: staff.id, channel: STAFF_CHANNEL, threadTs, text: 'Done — try again "now" & tell us' }),
    );
    const dm = await t.fake.waitFor(
      () => dmPostsTo(member).find((c) => String(c.args.text).includes('try again')),
      15_000,
      'the DM to the member',
    );
    expect(String(dm.args.text)).toContain('Done — try again "now" &amp; tell us');
    expect(blocksText(dm)).toContain('Verified staff');
    expect(blocksText(dm)).toContain(VERIFIED_STAFF_LABEL.slice(0, 20));
    expect(t.fake.accepted('conversations.open').map((c) => c.args.users)).toContain(member.id);
  });

  it('refuses a thread reply from someone without relay.reply, tells them privately, and sends the member nothing', async () => {
    const first = await memberOpensConversation('Hello staff');
    const threadTs = String(first.response.ts);
    await t.slack.event(
      threadReply({ userId: bystander.id, channel: STAFF_CHANNEL, threadTs, text: 'I am staff, honest' }),
    );
    const [notice] = await t.fake.waitForCalls('chat.postEphemeral');
    expect(notice!.args.user).toBe(bystander.id);
    expect(notice!.args.thread_ts).toBe(threadTs);
    expect(String(notice!.args.text)).toContain('relay.reply');
    await t.bot.steward.outbox.drain();
    expect(dmPostsTo(member).filter((c) => String(c.args.text).includes('honest'))).toEqual([]);
  });

  it('acts once on the same DM event delivered three times (X-Slack-Retry-Num)', async () => {
    const envelope = directMessage({ userId: member.id, text: 'Only once please' });
    const responses = [
      await t.slack.event(envelope),
      await t.slack.event(envelope, { retryNum: 1 }),
      await t.slack.event(envelope, { retryNum: 2 }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await t.fake.waitFor(() => staffPosts().length > 0 || undefined);
    await new Promise((r) => setTimeout(r, 300));
    await t.bot.steward.outbox.drain();
    expect(staffPosts().filter((c) => String(c.args.text).includes('Only once please'))).toHaveLength(1);
    // …and the member is answered once (a repeat would repeat the same answer).
    const answers = dmPostsTo(member).map((c) => String(c.args.text));
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers).size).toBe(answers.length);
  });

  it('ignores threads Steward did not start and messages from bots', async () => {
    await t.slack.event(
      threadReply({ userId: staff.id, channel: STAFF_CHANNEL, threadTs: '1600000000.000100', text: 'chatting' }),
    );
    const bot = directMessage({ userId: member.id, text: 'beep' });
    bot.event.bot_id = 'B0OTHERBOT';
    await t.slack.event(bot);
    await new Promise((r) => setTimeout(r, 300));
    await t.bot.steward.outbox.drain();
    expect(t.fake.accepted('chat.postMessage')).toEqual([]);
    expect(t.fake.callsOf('chat.postEphemeral')).toEqual([]);
  });
});
