// Application commands and buttons through the real discord.js client and a loopback
// Discord: the command runs in the core, the interaction callback is what a user sees.
import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordTest, startDiscordTest } from '../support/fake-discord-harness.js';
import { buttonInteraction, type FakeUser, fakeUser } from '../support/fake-discord-payloads.js';

let t: DiscordTest;
afterEach(async () => {
  await t?.close();
});

const EPHEMERAL = 64;
const owner = (t: DiscordTest): FakeUser => ({ id: t.fake.ownerId, username: 'olivia', displayName: 'Olivia' });

describe('Discord adapter: application commands', () => {
  it('answers /steward status with an ephemeral callback showing the Discord adapter', async () => {
    t = await startDiscordTest();
    const { callback } = await t.slash(fakeUser('bob'), 'steward', 'status');
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.content).toContain('is running');
    const fields = callback.body.data.embeds[0].fields as { name: string; value: string }[];
    expect(fields.find((f) => f.name === 'Adapters')?.value).toContain('discord');
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('makes the guild owner super admin when STEWARD_SUPER_ADMINS is empty, and nobody else by arriving first', async () => {
    t = await startDiscordTest();
    const first = await t.slash(fakeUser('bob'), 'steward', 'help');
    expect(first.callback.body.data.content).not.toContain('super_admin');
    const { callback } = await t.slash(owner(t), 'steward', 'help');
    expect(callback.body.data.content).toContain('Olivia owns this workspace and is now super_admin');
  });

  it('does not make the guild owner super admin when super admins are configured', async () => {
    t = await startDiscordTest({ env: { STEWARD_SUPER_ADMINS: 'discord:123456789012345678' } });
    const { callback } = await t.slash(owner(t), 'steward', 'help');
    expect(callback.body.data.content).not.toContain('super_admin');
  });

  it('defers a slow command (ephemeral) and then edits the deferred reply with the answer', async () => {
    t = await startDiscordTest({ settings: { deferAfterMs: 50 } });
    // Make the core slow: Discord must get its first answer before the work ends.
    const { steward } = t.bot;
    const command = steward.command.bind(steward);
    steward.command = async (input) => {
      await new Promise((r) => setTimeout(r, 400));
      return command(input);
    };
    const { callback, interaction } = await t.slash(fakeUser('bob'), 'steward', 'help');
    expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await t.fake.waitFor(() =>
      t.fake.webhookCalls.find((c) => c.token === interaction.token && c.method === 'PATCH'),
    );
    expect(edit.messageId).toBe('@original');
    expect(edit.body.content).toContain('/steward help');
  });

  it('passes USER options as mentions: the owner assigns a role to a member picked from the list', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    await t.slash(bob, 'steward', 'help');
    await t.slash(owner(t), 'steward', 'help');
    const { callback } = await t.slash(owner(t), 'role', 'assign', [
      { name: 'member', type: 6, value: bob.id },
      { name: 'role', type: 3, value: 'support' },
    ]);
    expect(callback.body.data.content).toMatch(/Bob.*support/);
    const { repos } = t.bot.steward.services.store;
    const member = await repos.members.findByAccount({
      platform: 'discord',
      workspaceId: t.fake.guildId,
      userId: bob.id,
    });
    expect((await repos.grants.unrevokedFor(member!.id)).map((g) => g.role)).toContain('support');
  });

  it('names a bad option and changes nothing', async () => {
    t = await startDiscordTest();
    const { callback } = await t.slash(fakeUser('bob'), 'link', 'confirm', [{ name: 'code', type: 3, value: 'nope' }]);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.content).toContain('`code` must be the 8-character code');
  });

  it('treats a command run in a DM with the bot as the same member as in the server', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    await t.slash(bob, 'steward', 'help');
    const { callback } = await t.slash(bob, 'steward', 'status', undefined, { guild: false });
    expect(callback.body.data.content).toContain('is running');
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(1);
  });
});

describe('Discord adapter: buttons', () => {
  it('approves a role request from the Approve button sent to the admin', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    const admin = owner(t);
    await t.slash(admin, 'steward', 'help'); // the owner becomes super admin, so an approver
    await t.slash(bob, 'role', 'request', [
      { name: 'role', type: 3, value: 'support' },
      { name: 'justification', type: 3, value: 'I answer tickets on weekends' },
    ]);
    const adminDm = await t.fake.waitFor(() => t.fake.dmChannels.get(admin.id));
    const offer = await t.fake.waitFor(() =>
      t.fake.messages.find((m) => m.channelId === adminDm && m.body.components?.length),
    );
    const button = offer.body.components[0].components[0];
    expect(button.label).toBe('Approve');
    expect(button.style).toBe(1);

    const click = buttonInteraction({
      applicationId: t.fake.applicationId,
      botId: t.fake.botId,
      guildId: t.fake.guildId,
      channelId: adminDm,
      user: admin,
      customId: button.custom_id,
    });
    await t.fake.dispatch('INTERACTION_CREATE', click);
    const callback = await t.fake.waitFor(() => t.fake.callbacks.find((c) => c.interactionId === click.id));
    expect(callback.body.data.content).toMatch(/Approved .*Bob now holds support/);
  });

  it('round-trips a button whose arguments are too long for a custom_id through server-side storage', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    await t.slash(bob, 'steward', 'help');
    const { keyring, store } = t.bot.steward.services;
    const member = await store.repos.members.findByAccount({
      platform: 'discord',
      workspaceId: t.fake.guildId,
      userId: bob.id,
    });
    const { enqueueNotification } = await import('../../src/core/notify.js');
    await store.transact((repos) =>
      enqueueNotification(
        repos,
        keyring,
        {
          to: { kind: 'member', memberId: member!.id },
          message: {
            text: 'Try this',
            actions: [{ command: 'link confirm', args: { code: 'X'.repeat(120) }, label: 'Confirm' }],
          },
        },
        t.bot.clock.now(),
      ),
    );
    t.bot.steward.outbox.wake();
    const dm = await t.fake.waitFor(() => t.fake.dmChannels.get(bob.id));
    const sent = await t.fake.waitFor(() =>
      t.fake.messages.find((m) => m.channelId === dm && m.body.components?.length),
    );
    const customId = sent.body.components[0].components[0].custom_id as string;
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(customId.startsWith('k:')).toBe(true);

    const click = buttonInteraction({
      applicationId: t.fake.applicationId,
      botId: t.fake.botId,
      guildId: t.fake.guildId,
      channelId: dm,
      user: bob,
      customId,
    });
    await t.fake.dispatch('INTERACTION_CREATE', click);
    const callback = await t.fake.waitFor(() => t.fake.callbacks.find((c) => c.interactionId === click.id));
    // The stored 120-character code reached the command intact (and was rejected by it).
    expect(callback.body.data.content).toContain('`code` must be the 8-character code');
  });

  it('answers a button Steward did not make with an explanation', async () => {
    t = await startDiscordTest();
    const click = buttonInteraction({
      applicationId: t.fake.applicationId,
      botId: t.fake.botId,
      guildId: t.fake.guildId,
      channelId: t.fake.channel('general').id,
      user: fakeUser('bob'),
      customId: 'k:unknown-key',
    });
    await t.fake.dispatch('INTERACTION_CREATE', click);
    const callback = await t.fake.waitFor(() => t.fake.callbacks.find((c) => c.interactionId === click.id));
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.content).toContain('This button no longer works');
  });
});
