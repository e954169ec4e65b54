// Console accounts as invokers, exactly as the console adapter builds them.
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import type { CommandInput, Invoker } from '../../src/commands/dispatch.js';

export function consoleInvoker(name: string): Invoker {
  return { account: consoleAccount(name), displayName: name, parseMention: parseConsoleMention };
}

/** A slash command line ("/role list") from an invoker in a channel, as the console adapter sends it. */
export function commandLine(invoker: Invoker, line: string, channel = 'general'): CommandInput {
  const [group = '', ...rest] = line.replace(/^\//, '').split(/\s+/);
  return { ...invoker, group, text: rest.join(' '), channel: { platform: 'console', id: channel, name: channel } };
}
