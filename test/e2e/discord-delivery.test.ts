// Outbox delivery through Discord: long messages are split (never truncated), staff
// messages carry the verified-staff mark, attachments travel as files, and a 429 makes
// the outbox retry after Discord's Retry-After without losing or repeating anything.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, Recipient } from '../../src/core/message.js';
import { enqueueNotification } from '../../src/core/notify.js';
import { type DiscordTest, startDiscordTest } from '../support/fake-discord-harness.js';
import { fakeUser } from '../support/fake-discord-payloads.js';

let t: DiscordTest;
afterEach(async () => {
  await t?.close();
});

async function send(t: DiscordTest, to: Recipient, message: Message): Promise<void> {
  const { keyring, store } = t.bot.steward.services;
  await store.transact((repos) => enqueueNotification(repos, keyring, { to, message }, t.bot.clock.now()));
  await t.bot.steward.outbox.drain();
}

async function memberId(t: DiscordTest, userId: string): Promise<string> {
  const account = { platform: 'discord', workspaceId: t.fake.guildId, userId };
  return (await t.bot.steward.services.store.repos.members.findByAccount(account))!.id;
}

describe('Discord adapter: delivering messages', () => {
  it('splits a long staff message for a member, marks it verified and attaches its files', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    await t.slash(bob, 'steward', 'help');
    await t.bot.steward.outbox.drain();
    const paragraph = `${'All good here. '.repeat(60).trim()}\n\n`;
    const text = paragraph.repeat(5); // about 4,500 characters
    await send(
      t,
      { kind: 'member', memberId: await memberId(t, bob.id) },
      {
        text,
        verifiedStaff: true,
        fields: [{ label: 'Ref', value: 'M-1 (C-1)' }],
        attachments: [
          { filename: 'transcript.txt', contentType: 'text/plain', data: Buffer.from('hello').toString('base64') },
        ],
      },
    );
    const dm = t.fake.dmChannels.get(bob.id)!;
    const parts = t.fake.messages.filter((m) => m.channelId === dm);
    expect(parts.length).toBe(3);
    for (const part of parts) expect(part.body.content.length).toBeLessThanOrEqual(2000);
    expect(
      parts
        .map((p) => p.body.content)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(text.replace(/\s+/g, ' ').trim());
    const last = parts[2]!;
    expect(last.body.embeds.some((e: { author?: { name: string } }) => e.author?.name.includes('Verified staff'))).toBe(
      true,
    );
    expect(last.body.embeds[0].fields).toEqual([{ name: 'Ref', value: 'M-1 (C-1)', inline: true }]);
    expect(last.files).toEqual([
      expect.objectContaining({ name: 'transcript.txt', contentType: 'text/plain', data: Buffer.from('hello') }),
    ]);
  });

  it('waits out a 429 on the staff channel, then delivers exactly once', async () => {
    t = await startDiscordTest();
    const staff = t.fake.channel('staff');
    t.fake.rateLimit('POST', new RegExp(`^/channels/${staff.id}/threads$`), 3);
    await send(t, { kind: 'channel', channel: 'staff' }, { text: 'Conversation opened', threadKey: 'C-7' });

    expect(t.fake.threads).toHaveLength(0);
    const { repos } = t.bot.steward.services.store;
    expect(await repos.outbox.pendingCount()).toBe(1); // kept, not dropped

    await t.bot.steward.outbox.drain();
    expect(t.fake.threads).toHaveLength(0); // Retry-After (3 s) has not passed

    t.bot.clock.advance(3_500);
    await t.bot.steward.outbox.drain();
    expect(t.fake.threads).toHaveLength(1);
    const posted = t.fake.messages.filter((m) => m.channelId === t.fake.threads[0]!.id);
    expect(posted.map((m) => m.body.content)).toEqual(['Conversation opened']);
    expect(await repos.outbox.pendingCount()).toBe(0);
  });

  it('posts channel messages without a thread key straight into the mapped channel', async () => {
    t = await startDiscordTest();
    await send(
      t,
      { kind: 'channel', channel: 'staff' },
      {
        text: 'Monthly access review',
        table: [
          ['member', 'role'],
          ['Member 7F3A', 'support'],
        ],
      },
    );
    const posted = t.fake.messages.filter((m) => m.channelId === t.fake.channel('staff').id);
    expect(posted).toHaveLength(2);
    expect(posted[1]!.body.content).toBe('```\nmember       role\n-----------  -------\nMember 7F3A  support\n```');
  });
});

describe('Discord adapter: logging failures', () => {
  it('logs what failed and where, never the message text or an interaction token', async () => {
    const { DiscordAPIError } = await import('discord.js');
    const { describeError } = await import('../../adapters/discord/log-safe.js');
    const error = new DiscordAPIError(
      { message: 'Cannot send messages to this user', code: 50007 },
      50007,
      403,
      'POST',
      'http://127.0.0.1/api/v10/interactions/123456789012345678/secret-token-abc/callback',
      { body: { content: 'my private message to staff' }, files: undefined },
    );
    const logged = JSON.stringify(describeError(error));
    expect(logged).toContain('50007');
    expect(logged).toContain('/interactions/123456789012345678/:token/callback');
    expect(logged).not.toContain('secret-token-abc');
    expect(logged).not.toContain('my private message');
  });
});
