// A member leaving the Discord server (GUILD_MEMBER_REMOVE) revokes everything they hold,
// once, even when a gateway RESUME replays the event.
import { afterEach, describe, expect, it } from 'vitest';
import { auditCount, type DiscordTest, startDiscordTest } from '../support/fake-discord-harness.js';
import { type FakeUser, fakeUser, memberRemove } from '../support/fake-discord-payloads.js';

let t: DiscordTest;
afterEach(async () => {
  await t?.close();
});

const owner = (t: DiscordTest): FakeUser => ({ id: t.fake.ownerId, username: 'olivia', displayName: 'Olivia' });

describe('Discord adapter: members leaving', () => {
  it('revokes the grants of a member who leaves the server, once', async () => {
    t = await startDiscordTest();
    const bob = fakeUser('bob');
    await t.slash(bob, 'steward', 'help');
    await t.slash(owner(t), 'role', 'assign', [
      { name: 'member', type: 6, value: bob.id },
      { name: 'role', type: 3, value: 'support' },
    ]);
    const { repos } = t.bot.steward.services.store;
    const account = { platform: 'discord', workspaceId: t.fake.guildId, userId: bob.id };
    const member = (await repos.members.findByAccount(account))!;
    expect((await repos.grants.unrevokedFor(member.id)).map((g) => g.role).sort()).toEqual(['member', 'support']);

    const seq = await t.fake.dispatch('GUILD_MEMBER_REMOVE', memberRemove({ guildId: t.fake.guildId, user: bob }));
    const after = await waitUntil(async () => (await repos.grants.unrevokedFor(member.id)).length === 0);
    expect(after).toBe(true);
    expect((await repos.members.findById(member.id))?.status).toBe('departed');

    // A RESUME replays the departure: it is recognised and not acted on again.
    await t.fake.reconnect({ replayFromSeq: seq });
    await t.slash(owner(t), 'steward', 'status');
    await new Promise((r) => setTimeout(r, 200));
    expect(await auditCount(t.bot.steward, 'member.left', member.id)).toBe(1);
  });

  it('ignores the departure of someone who never used Steward', async () => {
    t = await startDiscordTest();
    await t.fake.dispatch('GUILD_MEMBER_REMOVE', memberRemove({ guildId: t.fake.guildId, user: fakeUser('ghost') }));
    await t.slash(fakeUser('bob'), 'steward', 'status');
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(1);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
