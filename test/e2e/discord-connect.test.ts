// Given Steward configured for Discord, discord.js connects to (a loopback fake of)
// Discord with only the intents it needs, and registers the registry's commands.
import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationCommands } from '../../adapters/discord/application-commands.js';
import { type DiscordTest, startDiscordTest } from '../support/fake-discord-harness.js';

let t: DiscordTest | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('Discord adapter: connecting', () => {
  it('identifies with exactly the intents Steward uses and registers its commands in the guild', async () => {
    t = await startDiscordTest();
    const [identify] = t.fake.identifies;
    const wanted =
      GatewayIntentBits.Guilds |
      GatewayIntentBits.GuildMessages |
      GatewayIntentBits.MessageContent |
      GatewayIntentBits.DirectMessages |
      GatewayIntentBits.GuildMembers;
    expect(identify?.intents).toBe(wanted);
    expect(identify?.token).toBe(t.fake.token);

    const put = await t.fake.waitFor(() => t!.fake.commandPuts[0]);
    expect(put.path).toBe(`/applications/${t.fake.applicationId}/guilds/${t.fake.guildId}/commands`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(applicationCommands(t.bot.steward.services.registry))));
    expect(put.body.map((c) => c.name)).toContain('link');
  });

  it('registers globally when configured so, and shows up in /steward status', async () => {
    t = await startDiscordTest({ env: { DISCORD_COMMANDS: 'global' } });
    const put = await t.fake.waitFor(() => t!.fake.commandPuts[0]);
    expect(put.path).toBe(`/applications/${t.fake.applicationId}/commands`);
    expect(t.bot.steward.services.runtime.adapters).toContain('discord');
  });
});

describe('Discord adapter: sharding', () => {
  it('identifies with the shard a ShardingManager child was given', async () => {
    const { FakeDiscord } = await import('../support/fake-discord.js');
    const { createClient } = await import('../../adapters/discord/client.js');
    const { discordSettings } = await import('../../adapters/discord/settings.js');
    const { loadConfig } = await import('../../src/config.js');
    const fake = await FakeDiscord.start();
    const settings = discordSettings(
      loadConfig({
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
      }),
    );
    // What discord.js's Client reads from SHARDS / SHARD_COUNT in a ShardingManager child.
    const client = createClient(settings, { shards: [1], shardCount: 2 });
    try {
      const ready = new Promise((resolve) => client.once('clientReady', resolve));
      await client.login(fake.token);
      await ready;
      expect(fake.identifies[0]?.shard).toEqual([1, 2]);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });
});

describe('npm run discord:register', () => {
  it('registers the commands in the given guild through the configured API', async () => {
    const { FakeDiscord } = await import('../support/fake-discord.js');
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { projectRoot } = await import('../../src/store/migrations.js');
    const fake = await FakeDiscord.start();
    try {
      const env = {
        PATH: process.env.PATH,
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
      };
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/discord-register.ts', '--guild', fake.guildId],
        { cwd: projectRoot, env },
      );
      expect(stdout).toMatch(/Registered \d+ commands in guild/);
      expect(fake.commandPuts.map((p) => p.path)).toEqual([
        `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
      ]);
    } finally {
      await fake.close();
    }
  });
});

describe('Discord configuration', () => {
  it('names a malformed DISCORD_CHANNELS entry and a guild registration without a guild', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const base = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(() => loadConfig({ ...base, DISCORD_CHANNELS: 'staff=#staff-room' })).toThrow(
      /DISCORD_CHANNELS: "staff=#staff-room" is not name=ID/,
    );
    expect(() => loadConfig({ ...base, DISCORD_COMMANDS: 'guild' })).toThrow(
      /DISCORD_GUILD_ID: required with DISCORD_COMMANDS=guild/,
    );
    const config = loadConfig({ ...base, DISCORD_CHANNELS: 'Staff=123456789012345678, reports=223456789012345678' });
    expect(config.DISCORD_CHANNELS).toEqual({ staff: '123456789012345678', reports: '223456789012345678' });
  });
});
