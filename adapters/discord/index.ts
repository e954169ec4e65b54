// The Discord adapter: startDiscord connects discord.js to the gateway, maps commands,
// buttons, DMs, thread replies and departures into the core, delivers the outbox, and
// (optionally) serves the HTTP interactions endpoint. Returns a stop function.
import { type Client, Events } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import type { Steward } from '../../src/steward.js';
import { createClient, createDeliveryRest, createRest } from './client.js';
import { DiscordDeliverer } from './deliverer.js';
import { startInteractionsEndpoint } from './http-interactions.js';
import { onGatewayInteraction } from './interactions.js';
import { describeError } from './log-safe.js';
import { watchMemberRemovals } from './member-events.js';
import { onMessage } from './messages.js';
import { registerCommands } from './register-commands.js';
import { DiscordRuntime, type GuildDirectory } from './runtime.js';
import { type DiscordSettings, discordSettings } from './settings.js';
import { isShardChild, startShardManager } from './sharding.js';

export type StopDiscord = () => Promise<void>;

/** A running adapter; tests reach its parts, main.ts only needs stop. */
export interface DiscordAdapter {
  stop: StopDiscord;
  runtime: DiscordRuntime;
  /** Absent in the manager process of a sharded deployment. */
  client?: Client;
  /** The HTTP interactions endpoint, when DISCORD_PUBLIC_KEY is set. */
  interactionsUrl?: string;
}

const READY_TIMEOUT_MS = 60_000;

function guildDirectory(client: Client): GuildDirectory {
  return {
    ownerOf: (guildId) => client.guilds.cache.get(guildId)?.ownerId,
    guildIds: () => [...client.guilds.cache.keys()],
  };
}

const noGuilds: GuildDirectory = { ownerOf: () => undefined, guildIds: () => [] };

function attachDeliverer(steward: Steward, runtime: DiscordRuntime, settings: DiscordSettings): void {
  const rest = createDeliveryRest(settings);
  steward.attach(
    new DiscordDeliverer({
      rest,
      channels: settings.channels,
      threadLinks: () => steward.services.store.repos.threadLinks,
      render: (m) => runtime.render(m),
      dmChannel: (userId) => runtime.dmChannel(userId, rest),
    }),
  );
}

async function register(runtime: DiscordRuntime, logger: Logger): Promise<void> {
  const { settings } = runtime;
  if (settings.commands === 'off') return;
  try {
    const done = await registerCommands(runtime.rest, runtime.registry, {
      applicationId: settings.applicationId,
      scope: settings.commands,
      guildId: settings.guildId,
    });
    logger.info(done, 'discord application commands registered');
  } catch (err) {
    // Running on yesterday's commands beats not running; `npm run discord:register` retries.
    logger.error({ error: describeError(err) }, 'discord application commands could not be registered');
  }
}

function waitForReady(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Discord did not become ready within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    timer.unref();
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Starts the adapter when Discord is configured (main.ts); resolves with its stop function. */
export async function startDiscord(steward: Steward, config: Config, logger: Logger): Promise<StopDiscord> {
  return (await launchDiscord(steward, config, logger)).stop;
}

export async function launchDiscord(
  steward: Steward,
  config: Config,
  logger: Logger,
  overrides: Partial<DiscordSettings> = {},
): Promise<DiscordAdapter> {
  const settings = discordSettings(config, overrides);
  const log = logger.child({ adapter: 'discord' });
  if (!(config.STEWARD_STAFF_CHANNEL.toLowerCase() in settings.channels)) {
    log.warn(
      { channel: config.STEWARD_STAFF_CHANNEL },
      `DISCORD_CHANNELS has no "${config.STEWARD_STAFF_CHANNEL}" channel: staff will not see relay conversations on Discord`,
    );
  }

  if (settings.shards !== undefined && !isShardChild()) {
    if (steward.services.store.provider !== 'postgresql') {
      throw new Error(
        'DISCORD_SHARDS runs one process per shard, which must share a PostgreSQL database: set DATABASE_URL to PostgreSQL, or unset DISCORD_SHARDS (one process serves up to 2,500 servers).',
      );
    }
    const rest = createRest(settings);
    const runtime = new DiscordRuntime(steward, settings, rest, log, noGuilds);
    attachDeliverer(steward, runtime, settings);
    await register(runtime, log);
    const http = settings.publicKey
      ? await startInteractionsEndpoint(runtime, { publicKey: settings.publicKey, port: settings.interactionsPort })
      : undefined;
    const manager = await startShardManager(settings, rest, log);
    return {
      runtime,
      interactionsUrl: http?.url,
      async stop() {
        for (const shard of manager.shards.values()) shard.kill();
        await http?.close();
      },
    };
  }

  const client = createClient(settings);
  const runtime = new DiscordRuntime(steward, settings, client.rest, log, guildDirectory(client));
  // Handlers are wrapped: one failing event is logged, never fatal.
  client.on(Events.InteractionCreate, (interaction) => {
    onGatewayInteraction(runtime, interaction).catch((err) =>
      log.error({ error: describeError(err) }, 'discord interaction failed'),
    );
  });
  client.on(Events.MessageCreate, (message) => {
    onMessage(runtime, message).catch((err) => log.error({ error: describeError(err) }, 'discord message failed'));
  });
  client.on(Events.Error, (err) => log.error({ error: describeError(err) }, 'discord client error'));
  watchMemberRemovals(runtime, client);
  attachDeliverer(steward, runtime, settings);

  const ready = waitForReady(client);
  ready.catch(() => {}); // awaited below; a failed login must not leave it unhandled
  await client.login(settings.token);
  await ready;
  log.info({ guilds: client.guilds.cache.size }, 'connected to Discord');

  // In a sharded deployment the manager process registers and serves HTTP; shards do not.
  if (!isShardChild()) await register(runtime, log);
  const http =
    settings.publicKey && !isShardChild()
      ? await startInteractionsEndpoint(runtime, { publicKey: settings.publicKey, port: settings.interactionsPort })
      : undefined;

  return {
    runtime,
    client,
    interactionsUrl: http?.url,
    async stop() {
      await http?.close();
      await client.destroy();
    },
  };
}

export { applicationCommands, manifestText } from './application-commands.js';
