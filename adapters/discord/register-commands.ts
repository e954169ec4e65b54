// Registers the registry's application commands with Discord: in one guild (appear at
// once; good for one organisation) or globally (every server the bot is in). A bulk
// overwrite (PUT) is idempotent, so registering at every start is safe.
import { type REST, Routes } from 'discord.js';
import type { Registry } from '../../src/commands/registry.js';
import { applicationCommands } from './application-commands.js';

export interface Registration {
  scope: 'guild' | 'global';
  count: number;
}

export async function registerCommands(
  rest: REST,
  registry: Registry,
  target: { applicationId: string; scope: 'guild' | 'global'; guildId?: string },
): Promise<Registration> {
  const body = applicationCommands(registry);
  if (target.scope === 'guild') {
    if (!target.guildId) throw new Error('Registering commands in a guild needs DISCORD_GUILD_ID.');
    await rest.put(Routes.applicationGuildCommands(target.applicationId, target.guildId), { body });
  } else {
    await rest.put(Routes.applicationCommands(target.applicationId), { body });
  }
  return { scope: target.scope, count: body.length };
}
