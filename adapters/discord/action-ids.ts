// Buttons are commands with prefilled arguments. A button's custom_id (at most 100
// characters) carries the command and its arguments inline when they fit; otherwise
// they are kept server-side under a content hash and the custom_id carries the key.
import { createHash } from 'node:crypto';
import type { Action } from '../../src/core/message.js';
import type { SettingRepo } from '../../src/core/ports.js';

export const CUSTOM_ID_LIMIT = 100;
const INLINE = 'c:';
const STORED = 'k:';
const SETTING_PREFIX = 'discord.action.';

export interface ButtonCommand {
  command: string;
  args: Record<string, string>;
}

/** "role approve?request=R-12" style, or a stored key when that is too long. */
export async function encodeAction(action: Action, settings: SettingRepo): Promise<string> {
  const query = new URLSearchParams(action.args).toString();
  const inline = `${INLINE}${action.command}${query ? `?${query}` : ''}`;
  if (inline.length <= CUSTOM_ID_LIMIT) return inline;
  const value = JSON.stringify({ command: action.command, args: action.args } satisfies ButtonCommand);
  // Same button, same key: re-rendering a message stores nothing new.
  const key = createHash('sha256').update(value).digest('base64url').slice(0, 32);
  await settings.set(`${SETTING_PREFIX}${key}`, value);
  return `${STORED}${key}`;
}

/** The command a clicked button runs; null for a custom_id Steward did not make (or a lost key). */
export async function decodeAction(customId: string, settings: SettingRepo): Promise<ButtonCommand | null> {
  if (customId.startsWith(INLINE)) {
    const body = customId.slice(INLINE.length);
    const q = body.indexOf('?');
    const command = (q < 0 ? body : body.slice(0, q)).trim();
    const args = Object.fromEntries(new URLSearchParams(q < 0 ? '' : body.slice(q + 1)));
    return command ? { command, args } : null;
  }
  if (customId.startsWith(STORED)) {
    const stored = await settings.get(`${SETTING_PREFIX}${customId.slice(STORED.length)}`);
    return stored ? (JSON.parse(stored) as ButtonCommand) : null;
  }
  return null;
}

/** "role approve" → group "role", subcommand "approve"; "verify" → a top-level command. */
export function commandRouteOf(command: string): { group: string; subcommand?: string } {
  const [group = '', ...rest] = command.trim().replace(/^\//, '').split(/\s+/);
  return rest.length ? { group, subcommand: rest.join(' ') } : { group };
}
