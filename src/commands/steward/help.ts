import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import type { CommandContext } from '../context.js';
import { type CommandSpec, defineCommand, GROUP_DESCRIPTIONS, usage } from '../registry.js';

/** Only what the invoker may run, grouped by top-level command, with usage. */
function helpText(ctx: CommandContext, only?: string): string {
  const { registry } = ctx.services;
  const lines: string[] = [];
  for (const group of registry.groups()) {
    if (only && group !== only) continue;
    const allowed = registry.inGroup(group).filter((c: CommandSpec) => ctx.can(c.permission, 'any'));
    if (allowed.length === 0) continue;
    lines.push(`*/${group}* — ${GROUP_DESCRIPTIONS[group] ?? ''}`.trimEnd());
    for (const c of allowed) lines.push(`  ${usage(c)}\n      ${c.description}`);
  }
  return lines.join('\n');
}

export const help = defineCommand({
  group: 'steward',
  name: 'help',
  description: 'Show the commands you may run, with their usage',
  args: { command: arg.string('Only this top-level command, e.g. role', { optional: true, positional: true }) },
  permission: 'steward.help',
  async handler(ctx, { command }) {
    const only = command?.replace(/^\//, '').toLowerCase();
    if (only && ctx.services.registry.inGroup(only).length === 0) {
      return reply(`There is no /${only} command. Run /steward help to see them all.`);
    }
    const body = helpText(ctx, only);
    const intro =
      'Arguments in <angle brackets> are required and go in order; [name:<value>] ones are optional and go anywhere. Quote values with spaces: reason:"covering for Sam".\nAny message that is not a command goes privately to the staff team.';
    return reply(body ? `${intro}\n\n${body}` : 'You may not run any command here yet.');
  },
});
