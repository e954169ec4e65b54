// Application commands from the one registry: each group is one chat-input command with
// subcommands (a group with only a top-level command takes its options directly). Option
// types follow the ArgSpec: int → INTEGER with bounds, choice → STRING with choices,
// member → USER, everything else → STRING. Discord's limits are checked here, so a
// registry change that breaks them fails the manifest test instead of the live upload.
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArgSpec, ArgSpecs } from '../../src/commands/args.js';
import { type CommandSpec, GROUP_DESCRIPTIONS, type Registry } from '../../src/commands/registry.js';

export const LIMITS = { name: 32, description: 100, options: 25, choices: 25 } as const;
const NAME_PATTERN = /^[-_\p{Ll}\p{N}]{1,32}$/u;

export type ApplicationCommandJson = RESTPutAPIApplicationCommandsJSONBody[number];

/** Registry argument names may be camelCase; Discord option names must be lower case. */
export const optionName = (argName: string) => argName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The registry argument a Discord option name stands for. */
export function argNameFor(args: ArgSpecs, option: string): string | undefined {
  return Object.keys(args).find((name) => optionName(name) === option);
}

function checkName(name: string, where: string): string {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `${where}: "${name}" is not a valid Discord name (lower case letters, digits, - or _, at most ${LIMITS.name} characters)`,
    );
  }
  return name;
}

/** Discord rejects longer descriptions; cut at a word and mark the cut. */
export function fitDescription(text: string): string {
  const clean = text.trim() || '—';
  if (clean.length <= LIMITS.description) return clean;
  const cut = clean.slice(0, LIMITS.description - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 60 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function option(name: string, spec: ArgSpec, where: string): APIApplicationCommandBasicOption {
  const base = {
    name: checkName(optionName(name), where),
    description: fitDescription(spec.description),
    required: spec.required,
  };
  switch (spec.kind) {
    case 'int':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: spec.min, max_value: spec.max };
    case 'member':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'choice': {
      const choices = spec.choices ?? [];
      if (choices.length > LIMITS.choices) throw new Error(`${where}: option ${name} has more than 25 choices`);
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: choices.map((c) => ({ name: c, value: c })),
      };
    }
    default:
      return { ...base, type: ApplicationCommandOptionType.String };
  }
}

function options(spec: CommandSpec, where: string): APIApplicationCommandBasicOption[] {
  const all = Object.entries(spec.args).map(([name, a]) => option(name, a, where));
  if (all.length > LIMITS.options) throw new Error(`${where}: more than ${LIMITS.options} options`);
  // Discord requires required options before optional ones; the order is otherwise kept.
  return [...all.filter((o) => o.required), ...all.filter((o) => !o.required)];
}

export function applicationCommands(registry: Registry): ApplicationCommandJson[] {
  return registry.groups().map((group): ApplicationCommandJson => {
    const specs = registry.inGroup(group);
    const topLevel = specs.find((s) => s.name === '');
    const base = {
      name: checkName(group, `/${group}`),
      type: ApplicationCommandType.ChatInput,
      // Usable in the server and in a DM with the bot; the core decides who may run what.
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    };
    if (topLevel) {
      if (specs.length > 1) {
        throw new Error(
          `/${group} has both a top-level command and subcommands; Discord allows only one of the two per command`,
        );
      }
      return { ...base, description: fitDescription(topLevel.description), options: options(topLevel, `/${group}`) };
    }
    if (specs.length > LIMITS.options) throw new Error(`/${group}: more than ${LIMITS.options} subcommands`);
    const subcommands: APIApplicationCommandSubcommandOption[] = specs.map((spec) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: checkName(spec.name, `/${group} ${spec.name}`),
      description: fitDescription(spec.description),
      options: options(spec, `/${group} ${spec.name}`),
    }));
    return { ...base, description: fitDescription(GROUP_DESCRIPTIONS[group] ?? group), options: subcommands };
  });
}

/** The committed manifest's text: stable formatting so a diff shows real changes only. */
export const manifestText = (registry: Registry) => `${JSON.stringify(applicationCommands(registry), null, 2)}\n`;
