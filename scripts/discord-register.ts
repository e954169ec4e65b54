// npm run discord:register [-- --guild [ID] | --global]
//   Registers Steward's application commands with Discord, generated from the registry.
//   Default: DISCORD_COMMANDS (guild when DISCORD_GUILD_ID is set, else global). A guild
//   registration appears at once; a global one may take up to an hour to reach clients.
//   Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_URL from
//   the environment or ./.env.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { createRest } from '../adapters/discord/client.js';
import { registerCommands } from '../adapters/discord/register-commands.js';
import { discordSettings } from '../adapters/discord/settings.js';
import { ALL_COMMANDS } from '../src/commands/index.js';
import { Registry } from '../src/commands/registry.js';
import { ConfigError, loadConfig } from '../src/config.js';

const { values } = parseArgs({
  options: { guild: { type: 'string' }, global: { type: 'boolean', default: false } },
  allowPositionals: false,
});
if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });

try {
  const config = loadConfig(process.env);
  if (!config.discordEnabled) {
    console.error('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see the README, "Connect to Discord").');
    process.exit(2);
  }
  const settings = discordSettings(config);
  const guildId = values.guild || settings.guildId;
  const scope = values.global ? 'global' : values.guild !== undefined ? 'guild' : settings.commands;
  if (scope === 'off') {
    console.error('DISCORD_COMMANDS=off: pass --guild <id> or --global to register anyway.');
    process.exit(2);
  }
  const done = await registerCommands(createRest(settings), new Registry(ALL_COMMANDS), {
    applicationId: settings.applicationId,
    scope,
    guildId,
  });
  console.log(
    done.scope === 'guild'
      ? `Registered ${done.count} commands in guild ${guildId}.`
      : `Registered ${done.count} global commands (Discord may take up to an hour to show them everywhere).`,
  );
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`Registering failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
