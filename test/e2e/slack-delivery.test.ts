// Given outbox messages for Slack, the deliverer posts them where they belong and honours
// Slack's rate limits: a 429 with Retry-After postpones the delivery (the outbox retries
// after that time) and every post reaches Slack exactly once, however long the message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemberRecord } from '../../src/core/ports.js';
import { RetryLater, Undeliverable } from '../../src/delivery/deliverer.js';
import { FAKE_TEAM_ID, type FakeUser } from '../support/fake-slack.js';
import {
  REPORTS_CHANNEL,
  type SlackTestBed,
  STAFF_CHANNEL,
  startSlackTestBed,
  textsOf,
} from '../support/fake-slack-harness.js';
import { directMessage } from '../support/fake-slack-requests.js';

const member: FakeUser = { id: 'U0MEMBER1', name: 'maria' };
const gone: FakeUser = { id: 'U0GONE001', name: 'gone', deleted: true };

let t: SlackTestBed;
beforeEach(async () => {
  t = await startSlackTestBed({ users: [member, gone] });
});
afterEach(async () => {
  await t.close();
});

const account = (u: FakeUser) => ({ platform: 'slack', workspaceId: FAKE_TEAM_ID, userId: u.id });
const someone = { id: 'm1', displayName: 'x', pseudonym: 'Member 0001', status: 'active' } as MemberRecord;
const staffPosts = () => t.fake.accepted('chat.postMessage').filter((c) => c.args.channel === STAFF_CHANNEL);

describe('Slack delivery', () => {
  it('waits out a 429 (Retry-After) through the outbox and then delivers exactly once', async () => {
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30, when: (a) => a.channel === STAFF_CHANNEL });
    await t.slack.event(directMessage({ userId: member.id, text: 'Is anyone there?' }));
    await t.fake.waitFor(() => t.fake.callsOf('chat.postMessage').find((c) => c.status === 429));
    await t.bot.steward.outbox.drain();
    expect(staffPosts()).toEqual([]);
    expect(await t.bot.steward.services.store.repos.outbox.pendingCount()).toBe(1);

    // Not before Slack's Retry-After…
    t.bot.clock.advance(29_000);
    await t.bot.steward.outbox.drain();
    expect(staffPosts()).toEqual([]);

    // …and once after it.
    t.bot.clock.advance(2_000);
    await t.bot.steward.outbox.drain();
    await t.bot.steward.outbox.drain();
    expect(textsOf(staffPosts()).filter((x) => x.includes('Is anyone there?'))).toHaveLength(1);
    expect(await t.bot.steward.services.store.repos.outbox.pendingCount()).toBe(0);
  });

  it('splits a long message into ordered posts without losing a character, resuming after a 429 without repeats', async () => {
    const paragraphs = Array.from(
      { length: 80 },
      (_, i) => `Paragraph ${i + 1}: ${'lorem ipsum dolor sit amet '.repeat(20)}`,
    );
    const text = paragraphs.join('\n\n');
    // The second post is rate limited.
    let seen = 0;
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1, when: () => ++seen === 2 });
    const attempt = t.adapter.deliverer.toMember(account(member), someone, { text });
    await expect(attempt).rejects.toBeInstanceOf(RetryLater);
    await expect(attempt).rejects.toMatchObject({ afterMs: 1000 });
    await t.adapter.deliverer.toMember(account(member), someone, { text });

    const posts = textsOf(t.fake.accepted('chat.postMessage'));
    expect(posts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(posts).size).toBe(posts.length);
    const rebuilt = posts.join('\n\n').replace(/\s+/g, ' ');
    expect(rebuilt).toBe(text.replace(/\s+/g, ' '));
    for (const post of t.fake.accepted('chat.postMessage')) {
      for (const block of post.args.blocks as { text?: { text: string } }[]) {
        expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
      }
    }
  });

  it('keeps channel messages with the same threadKey in one thread', async () => {
    await t.adapter.deliverer.toChannel('staff', { text: 'Ticket T-9 escalated', threadKey: 'T-9' });
    await t.adapter.deliverer.toChannel('staff', { text: 'T-9: resolved', threadKey: 'T-9' });
    const [first, second] = staffPosts();
    expect(first!.args.thread_ts).toBeUndefined();
    expect(second!.args.thread_ts).toBe(first!.response.ts);
    const link = await t.bot.steward.services.store.repos.threadLinks.byKey('slack', 'T-9');
    expect(link).toMatchObject({ channelId: STAFF_CHANNEL, threadRef: first!.response.ts });
  });

  it('keeps a long channel message without threadKey top level, in order', async () => {
    const text = Array.from({ length: 60 }, (_, i) => `Row ${i}: ${'x'.repeat(400)}`).join('\n');
    await t.adapter.deliverer.toChannel('reports', { text });
    const posts = t.fake.accepted('chat.postMessage').filter((c) => c.args.channel === REPORTS_CHANNEL);
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((c) => c.args.thread_ts === undefined)).toBe(true);
    expect(String(posts[0]!.args.text)).toContain('Row 0:');
    expect(String(posts.at(-1)!.args.text)).toContain('Row 59:');
  });

  it('uploads attachments to the channel after the text', async () => {
    const csv = Buffer.from('ticket,status\nT-1,resolved\n').toString('base64');
    await t.adapter.deliverer.toChannel('reports', {
      text: 'Monthly ticket report',
      attachments: [{ filename: 'tickets.csv', contentType: 'text/csv', data: csv }],
    });
    const [upload] = await t.fake.waitForCalls('upload');
    expect(upload!.args.size).toBe(Buffer.from(csv, 'base64').length);
    const [complete] = t.fake.accepted('files.completeUploadExternal');
    expect(complete!.args.channel_id).toBe(REPORTS_CHANNEL);
    const order = t.fake.calls
      .map((c) => c.method)
      .filter((m) => m === 'chat.postMessage' || m === 'files.completeUploadExternal');
    expect(order).toEqual(['chat.postMessage', 'files.completeUploadExternal']);
  });

  it('tells the outbox which channels Slack can reach and gives up on deactivated accounts', async () => {
    expect(t.adapter.deliverer.hasChannel('staff')).toBe(true);
    expect(t.adapter.deliverer.hasChannel('moderation')).toBe(false);
    await expect(t.adapter.deliverer.toMember(account(gone), someone, { text: 'hello' })).rejects.toBeInstanceOf(
      Undeliverable,
    );
  });
});
