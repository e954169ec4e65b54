// Interaction payloads (from the gateway through discord.js, or from the HTTP endpoint)
// to the core's typed command input.
import { ApplicationCommandOptionType } from 'discord.js';
import type { Registry } from '../../src/commands/registry.js';
import { argNameFor } from './application-commands.js';
import { mentionOf } from './mentions.js';

/** An application command option as Discord sends it (and as discord.js keeps it in options.data). */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly InteractionOption[];
}

export interface CommandRoute {
  group: string;
  subcommand?: string;
  options: Record<string, unknown>;
}

export function commandRoute(
  registry: Registry,
  name: string,
  options: readonly InteractionOption[] = [],
): CommandRoute {
  const sub = options[0]?.type === ApplicationCommandOptionType.Subcommand ? options[0] : undefined;
  const values = sub ? (sub.options ?? []) : options;
  const spec = registry.get(name, sub?.name ?? '');
  const mapped: Record<string, unknown> = {};
  for (const option of values) {
    const argName = (spec && argNameFor(spec.args, option.name)) ?? option.name;
    // USER options are bare ids; the core resolves members from mention text.
    mapped[argName] =
      option.type === ApplicationCommandOptionType.User && typeof option.value === 'string'
        ? mentionOf(option.value)
        : option.value;
  }
  return { group: name, subcommand: sub?.name, options: mapped };
}
