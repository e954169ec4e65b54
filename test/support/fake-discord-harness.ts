// A real Steward with the real Discord adapter (discord.js) connected to the loopback
// fake Discord. Tests dispatch documented payloads and read what the bot sent back.
import { type DiscordAdapter, launchDiscord } from '../../adapters/discord/index.js';
import type { DiscordSettings } from '../../adapters/discord/settings.js';
import { createLogger } from '../../src/logger.js';
import type { Steward } from '../../src/steward.js';
import type { PrismaStore } from '../../src/store/store.js';
import { FakeDiscord, type InteractionCallback } from './fake-discord.js';
import {
  commandInteraction,
  directMessage,
  type FakeUser,
  type OptionPayload,
  type Payload,
  snowflake,
} from './fake-discord-payloads.js';
import { startTestSteward, type TestSteward } from './test-steward.js';

export interface DiscordTest {
  fake: FakeDiscord;
  bot: TestSteward;
  adapter: DiscordAdapter;
  /** Dispatches a slash command from `user` in #general (or a DM with guild: null) and returns the callback. */
  slash(
    user: FakeUser,
    command: string,
    subcommand?: string,
    options?: OptionPayload[],
    where?: { guild: false },
  ): Promise<{ interaction: Payload; callback: InteractionCallback }>;
  /** Sends a DM from `user` to the bot; resolves with the MESSAGE_CREATE payload. */
  dm(user: FakeUser, content: string): Promise<Payload>;
  close(): Promise<void>;
}

export async function startDiscordTest(
  options: { env?: Record<string, string>; settings?: Partial<DiscordSettings>; publicKey?: string } = {},
): Promise<DiscordTest> {
  const fake = await FakeDiscord.start({
    channels: [
      { id: snowflake(), name: 'general' },
      { id: snowflake(), name: 'staff' },
    ],
  });
  const bot = await startTestSteward({
    firstMemberIsSuperAdmin: false,
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_CHANNELS: `staff=${fake.channel('staff').id}`,
      ...(options.publicKey ? { DISCORD_PUBLIC_KEY: options.publicKey } : {}),
      ...options.env,
    },
  });
  const logger = createLogger({ level: process.env.STEWARD_TEST_LOG ?? 'silent' });
  const adapter = await launchDiscord(bot.steward, bot.steward.services.config, logger, {
    interactionsPort: 0,
    ...options.settings,
  });
  const dmChannels = new Map<string, string>();
  return {
    fake,
    bot,
    adapter,
    async slash(user, command, subcommand, options, where) {
      const interaction = commandInteraction({
        applicationId: fake.applicationId,
        guildId: where?.guild === false ? null : fake.guildId,
        channelId: fake.channel('general').id,
        user,
        command,
        subcommand,
        options,
      });
      await fake.dispatch('INTERACTION_CREATE', interaction);
      const callback = await fake.waitFor(() => fake.callbacks.find((c) => c.interactionId === interaction.id));
      return { interaction, callback };
    },
    async dm(user, content) {
      let channelId = dmChannels.get(user.id);
      if (!channelId) {
        channelId = snowflake();
        dmChannels.set(user.id, channelId);
      }
      const message = directMessage({ channelId, user, content });
      await fake.dispatch('MESSAGE_CREATE', message);
      return message;
    },
    async close() {
      await adapter.stop();
      await bot.close();
      await fake.close();
    },
  };
}

/** The Prisma client behind a test Steward, for assertions on rows no repository lists. */
export const prismaOf = (steward: Steward) => (steward.services.store as PrismaStore).prisma;

/** How many audit entries record `action` (for `subjectId`, when given). */
export function auditCount(steward: Steward, action: string, subjectId?: string): Promise<number> {
  return prismaOf(steward).auditEntry.count({ where: subjectId ? { action, subjectId } : { action } });
}
