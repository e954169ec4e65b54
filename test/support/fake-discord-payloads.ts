// Discord payloads for tests, built from the documented shapes in test/fixtures/discord
// (each fixture names its documentation page). `$NAME` placeholders are filled in here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/discord');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fill(value: Json, vars: Record<string, string>): Json {
  if (typeof value === 'string') {
    return value.replace(/\$([A-Z_]+)/g, (whole, name: string) => (name in vars ? vars[name]! : whole));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('_'))
        .map(([key, v]) => [key, fill(v, vars)]),
    );
  }
  return value;
}

// biome-ignore lint/suspicious/noExplicitAny: payloads are JSON documents shaped by each test
export type Payload = Record<string, any>;

export function fixture(name: string, vars: Record<string, string> = {}): Payload {
  const raw = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Json;
  return fill(raw, vars) as Payload;
}

let counter = 0n;
/** A fresh, increasing snowflake id. */
export function snowflake(): string {
  counter += 1n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | (counter & 0x3fffffn)).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  displayName: string;
}

export function fakeUser(username: string): FakeUser {
  return { id: snowflake(), username, displayName: username[0]!.toUpperCase() + username.slice(1) };
}

const userVars = (user: FakeUser) => ({
  USER_ID: user.id,
  USERNAME: user.username,
  DISPLAY_NAME: user.displayName,
});

export interface OptionPayload {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: OptionPayload[];
}

/** A chat-input command; pass guildId null for one run in a DM with the bot. */
export function commandInteraction(input: {
  applicationId: string;
  guildId: string | null;
  channelId: string;
  user: FakeUser;
  command: string;
  subcommand?: string;
  options?: OptionPayload[];
}): Payload {
  const payload = fixture('interaction-command', {
    INTERACTION_ID: snowflake(),
    TOKEN: `token-${snowflake()}`,
    APPLICATION_ID: input.applicationId,
    COMMAND_ID: snowflake(),
    COMMAND: input.command,
    GUILD_ID: input.guildId ?? '',
    CHANNEL_ID: input.channelId,
    ...userVars(input.user),
  });
  payload.data.options = input.subcommand
    ? [{ name: input.subcommand, type: 1, options: input.options ?? [] }]
    : (input.options ?? []);
  const users = (input.options ?? []).filter((o) => o.type === 6);
  if (users.length) {
    payload.data.resolved = {
      users: Object.fromEntries(
        users.map((o) => [
          o.value,
          { id: o.value, username: `user${o.value}`, discriminator: '0', global_name: null, avatar: null },
        ]),
      ),
    };
  }
  return input.guildId === null ? inDm(payload) : payload;
}

/** Discord's DM shape: `user` instead of `member`, no guild, a DM channel, context 1 (BOT_DM). */
function inDm(payload: Payload): Payload {
  const { member, guild_id: _guild, guild_locale: _locale, ...rest } = payload;
  return {
    ...rest,
    user: member.user,
    channel: { id: payload.channel_id, type: 1, flags: 0, recipients: [member.user] },
    authorizing_integration_owners: { '0': '0' },
    context: 1,
  };
}

export function buttonInteraction(input: {
  applicationId: string;
  botId: string;
  guildId: string;
  channelId: string;
  user: FakeUser;
  customId: string;
}): Payload {
  return fixture('interaction-button', {
    INTERACTION_ID: snowflake(),
    TOKEN: `token-${snowflake()}`,
    APPLICATION_ID: input.applicationId,
    BOT_ID: input.botId,
    GUILD_ID: input.guildId,
    CHANNEL_ID: input.channelId,
    MESSAGE_ID: snowflake(),
    CUSTOM_ID: input.customId,
    ...userVars(input.user),
  });
}

export function directMessage(input: { channelId: string; user: FakeUser; content: string }): Payload {
  return fixture('message-create-dm', {
    MESSAGE_ID: snowflake(),
    CHANNEL_ID: input.channelId,
    CONTENT: input.content,
    ...userVars(input.user),
  });
}

export function threadMessage(input: { guildId: string; threadId: string; user: FakeUser; content: string }): Payload {
  return fixture('message-create-thread', {
    MESSAGE_ID: snowflake(),
    CHANNEL_ID: input.threadId,
    GUILD_ID: input.guildId,
    CONTENT: input.content,
    ...userVars(input.user),
  });
}

export function memberRemove(input: { guildId: string; user: FakeUser }): Payload {
  return fixture('guild-member-remove', { GUILD_ID: input.guildId, ...userVars(input.user) });
}
