// The one command registry. Every command declares its name, description, arguments
// (with zod schemas) and the one permission it needs; the dispatcher, help text, Slack
// manifest, Discord command JSON and console parser are all derived from it.

import type { Scope } from '../core/access/evaluator.js';
import type { Permission } from '../core/access/permissions.js';
import type { Reply } from '../core/message.js';
import { type ArgSpecs, type ParsedArgs, usageOf } from './args.js';
import type { CommandContext } from './context.js';

export interface CommandSpec<A extends ArgSpecs = ArgSpecs> {
  /** Top-level slash command without the slash, e.g. "role". */
  group: string;
  /** Subcommand, e.g. "assign"; empty for a top-level command such as /verify. */
  name: string;
  description: string;
  args: A;
  permission: Permission;
  /** Where the permission must hold, from the arguments (default: anywhere the actor holds it). */
  scope?: (args: ParsedArgs<A>) => Scope;
  /** Channel-visible by default? Purely a rendering hint; handlers pick visibility per reply. */
  handler: (ctx: CommandContext, args: ParsedArgs<A>) => Promise<Reply | Reply[]>;
}

/** Keeps argument types flowing from `args` into `handler`. */
export function defineCommand<A extends ArgSpecs>(spec: CommandSpec<A>): CommandSpec {
  return spec as unknown as CommandSpec;
}

export const GROUP_DESCRIPTIONS: Record<string, string> = {
  steward: 'Help and status',
  role: 'Roles and permissions',
  org: 'Organisations',
  tag: 'Tags that group members (no privileges)',
  audit: 'Audit log and access review',
  relay: 'Private conversations between members and staff',
  incident: 'Security incidents',
  ticket: 'Support tickets',
  session: 'Live sessions and events',
  report: 'Reports',
  privacy: 'Your personal data',
  verify: 'Check whether someone is verified staff',
  link: 'Link your Slack and Discord accounts',
};

export class Registry {
  private readonly byPath = new Map<string, CommandSpec>();

  constructor(commands: readonly CommandSpec[]) {
    for (const c of commands) {
      const key = commandPath(c);
      if (this.byPath.has(key)) throw new Error(`command /${key} is declared twice`);
      this.byPath.set(key, c);
    }
  }

  get(group: string, name: string): CommandSpec | undefined {
    return this.byPath.get(name ? `${group} ${name}` : group);
  }

  all(): CommandSpec[] {
    return [...this.byPath.values()];
  }

  groups(): string[] {
    return [...new Set(this.all().map((c) => c.group))];
  }

  inGroup(group: string): CommandSpec[] {
    return this.all().filter((c) => c.group === group);
  }
}

export const commandPath = (c: Pick<CommandSpec, 'group' | 'name'>) => (c.name ? `${c.group} ${c.name}` : c.group);

export const usage = (c: CommandSpec) => `/${commandPath(c)}${Object.keys(c.args).length ? ` ${usageOf(c.args)}` : ''}`;
