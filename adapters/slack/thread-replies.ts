// A reply in a thread Steward started is a command about that thread's subject, run as
// the person who wrote it (the core decides whether they may): in a relay conversation
// thread (staff channel) it is `/relay reply C-12 <text>`; in a ticket's thread (support
// queue "T-5", escalations "it:T-5") it is `/ticket comment T-5 <text>`.
import type { CommandInput } from '../../src/commands/dispatch.js';
import type { CommandSpec, Registry } from '../../src/commands/registry.js';

interface ThreadRoute {
  /** Matches the thread key; group 1 is the subject's code. */
  key: RegExp;
  group: string;
  subcommand: string;
  /** Only replies in the staff channel count (relay conversations are staff-only). */
  staffChannelOnly: boolean;
}

const ROUTES: ThreadRoute[] = [
  { key: /^(C-\d+)$/, group: 'relay', subcommand: 'reply', staffChannelOnly: true },
  { key: /^(?:it:)?(T-\d+)$/, group: 'ticket', subcommand: 'comment', staffChannelOnly: false },
];

export type ThreadCommand = Pick<CommandInput, 'group' | 'subcommand' | 'options' | 'text'>;

/** The command a thread reply stands for, or null when the thread is not one we answer to. */
export function threadCommand(
  registry: Registry,
  threadKey: string,
  text: string,
  inStaffChannel: boolean,
): ThreadCommand | null {
  for (const route of ROUTES) {
    const match = route.key.exec(threadKey);
    if (!match || (route.staffChannelOnly && !inStaffChannel)) continue;
    return subjectCommand(registry.get(route.group, route.subcommand), route.group, route.subcommand, match[1]!, text);
  }
  return null;
}

/**
 * `<group> <subcommand> <code> <text>`. When the registry's command has exactly that shape
 * (two positional arguments, the last free text) the arguments go by name, so the text
 * arrives verbatim (quotes and all); otherwise as command text, and the core explains
 * what is wrong.
 */
export function subjectCommand(
  spec: CommandSpec | undefined,
  group: string,
  subcommand: string,
  code: string,
  text: string,
): ThreadCommand {
  const positional = spec ? Object.entries(spec.args).filter(([, a]) => a.positional) : [];
  const [first, last] = [positional[0], positional[positional.length - 1]];
  if (spec && positional.length === 2 && first && last && last[1].kind === 'text') {
    return { group, subcommand, options: { [first[0]]: code, [last[0]]: text } };
  }
  return { group, text: `${subcommand} ${code} ${text}` };
}
