// Relay messaging on Discord: a member's DM to the bot becomes a conversation thread in
// the staff channel; a staff reply in that thread reaches the member as a DM marked as
// coming from verified staff. Replayed gateway events act once.
import { afterEach, describe, expect, it } from 'vitest';
import { auditCount, type DiscordTest, startDiscordTest } from '../support/fake-discord-harness.js';
import { type FakeUser, fakeUser, threadMessage } from '../support/fake-discord-payloads.js';

let t: DiscordTest;
afterEach(async () => {
  await t?.close();
});

const owner = (t: DiscordTest): FakeUser => ({ id: t.fake.ownerId, username: 'olivia', displayName: 'Olivia' });

/** The conversation's thread, once the bot has posted into it (and so has linked it). */
async function threadFor(t: DiscordTest, key: string) {
  const thread = await t.fake.waitFor(() => t.fake.threads.find((th) => th.name === key));
  await t.fake.waitFor(() => t.fake.messages.find((m) => m.channelId === thread.id));
  return thread;
}

describe('Discord adapter: relay conversations', () => {
  it('relays a DM into a staff thread and a staff reply in that thread back to the member', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    const dm = await t.dm(bob, 'My badge does not open the lab door');

    // The member hears back in the same DM channel.
    const ack = await t.fake.waitFor(() => t.fake.messages.find((m) => m.channelId === dm.channel_id));
    expect(ack.body.content).toMatch(/C-1/);

    // Staff see a new thread in #staff holding the message.
    const staff = t.fake.channel('staff');
    const thread = await threadFor(t, 'C-1');
    expect(thread.parentId).toBe(staff.id);
    const post = await t.fake.waitFor(() => t.fake.messages.find((m) => m.channelId === thread.id));
    expect(post.body.content).toContain('New conversation C-1');
    expect(post.body.content).toContain('My badge does not open the lab door');
    expect(post.body.content).not.toContain('bob'); // staff see a pseudonym
    expect(post.body.allowed_mentions).toEqual({ parse: [] });

    // The guild owner (super admin by bootstrap) answers inside the thread.
    const answer = threadMessage({
      guildId: t.fake.guildId,
      threadId: thread.id,
      user: owner(t),
      content: 'We will reset it this afternoon',
    });
    await t.fake.dispatch('MESSAGE_CREATE', answer);
    await t.fake.waitFor(() => t.fake.reactions.find((r) => r.messageId === answer.id && r.emoji === '✅'));

    const bobDm = await t.fake.waitFor(() => t.fake.dmChannels.get(bob.id));
    const relayed = await t.fake.waitFor(() =>
      t.fake.messages.find((m) => m.channelId === bobDm && m.body.content?.includes('We will reset it')),
    );
    expect(relayed.body.content).toBe('Olivia: We will reset it this afternoon');
    const verified = relayed.body.embeds.find((e: { author?: { name: string } }) => e.author?.name);
    expect(verified.author.name).toContain('Verified staff');

    // A second DM joins the same thread rather than opening a new one.
    await t.dm(bob, 'Thanks, it works now');
    await t.fake.waitFor(() =>
      t.fake.messages.find((m) => m.channelId === thread.id && m.body.content?.includes('Thanks, it works now')),
    );
    expect(t.fake.threads).toHaveLength(1);
  });

  it('tells a thread member without the relay permission why the reply was not sent', async () => {
    t = await startDiscordTest();
    await t.dm(fakeUser('bob'), 'Hello staff');
    const thread = await threadFor(t, 'C-1');
    const intruder = threadMessage({
      guildId: t.fake.guildId,
      threadId: thread.id,
      user: fakeUser('mallory'),
      content: 'I am staff, give me your password',
    });
    await t.fake.dispatch('MESSAGE_CREATE', intruder);
    const refusal = await t.fake.waitFor(() =>
      t.fake.messages.find((m) => m.body.message_reference?.message_id === intruder.id),
    );
    expect(refusal.channelId).toBe(thread.id);
    expect(refusal.body.content).toContain("You don't have permission to run /relay reply");
    expect(t.fake.reactions.find((r) => r.messageId === intruder.id)).toBeUndefined();
  });

  it('acts once on a DM that a gateway RESUME replays', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    const first = await t.dm(bob, 'First message');
    const thread = await threadFor(t, 'C-1');
    await t.fake.waitFor(() => t.fake.messages.find((m) => m.channelId === thread.id));

    // Discord asks for a reconnect; on RESUME it replays the DM the bot already handled.
    await t.fake.reconnect({ replayFromSeq: t.fake.seqOf(first.id) });
    await t.dm(bob, 'Second message');
    await t.fake.waitFor(() =>
      t.fake.messages.find((m) => m.channelId === thread.id && m.body.content?.includes('Second message')),
    );
    await new Promise((r) => setTimeout(r, 200));
    const copies = t.fake.messages.filter(
      (m) => m.channelId === thread.id && m.body.content?.includes('First message'),
    );
    expect(copies).toHaveLength(1);
    // Stored once: the conversation holds exactly the two messages the member sent.
    const repos = t.bot.steward.services.store.repos as unknown as {
      relay: { messages(n: number): Promise<unknown[]> };
    };
    expect(await repos.relay.messages(1)).toHaveLength(2);
    expect(t.fake.resumes).toHaveLength(1);
  });

  it('acts once on a slash command that a gateway RESUME replays', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    const { interaction } = await t.slash(bob, 'link', 'start');
    await t.fake.reconnect({ replayFromSeq: t.fake.seqOf(interaction.id) });
    await t.slash(bob, 'steward', 'status'); // a later event, so the replay has surely been handled
    await new Promise((r) => setTimeout(r, 200));
    expect(t.fake.callbacks.filter((c) => c.interactionId === interaction.id)).toHaveLength(1);
    const member = await t.bot.steward.services.store.repos.members.findByAccount({
      platform: 'discord',
      workspaceId: t.fake.guildId,
      userId: bob.id,
    });
    expect(await auditCount(t.bot.steward, 'link.start', member!.id)).toBe(1);
  });
});
