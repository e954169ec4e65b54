// Buttons carry the command they run. A neutral `Action {command: 'role approve', args}`
// becomes a Block Kit button whose value encodes the command and its arguments; a click
// (block_actions) decodes it back into a typed command for the core, which checks the
// clicker's permission like any other command.
import type { Action } from '../../src/core/message.js';

/** Every Steward button's action_id starts with this, so Bolt routes clicks here. */
export const ACTION_ID_PREFIX = 'steward:';
/** Slack's limit for a button value. */
export const MAX_BUTTON_VALUE = 2000;

export interface ButtonCommand {
  group: string;
  subcommand: string;
  args: Record<string, string>;
}

export function encodeActionValue(action: Action): string {
  return JSON.stringify({ c: action.command, a: action.args });
}

/** null when the value is not one of ours (or was tampered with into something unreadable). */
export function decodeActionValue(value: string | undefined): ButtonCommand | null {
  if (!value) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { c, a } = parsed as { c?: unknown; a?: unknown };
  if (typeof c !== 'string' || typeof a !== 'object' || a === null) return null;
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (typeof v === 'string') args[k] = v;
  const [group = '', ...rest] = c.trim().split(/\s+/);
  if (!group) return null;
  return { group, subcommand: rest.join(' '), args };
}
