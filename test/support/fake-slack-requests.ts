// Requests "from Slack" for end-to-end tests: payloads built from the documentation
// fixtures in test/fixtures/slack/ (each names the page it follows), signed exactly as
// Slack signs them (v0 HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing
// secret), and POSTed to Bolt's /slack/events.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FAKE_TEAM_ID } from './fake-slack.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/slack');

// biome-ignore lint/suspicious/noExplicitAny: fixtures are documentation JSON, reshaped per test
type Json = any;

export function fixture(name: string): Json {
  const file = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as {
    source: string;
    payload: Json;
  };
  if (!file.source) throw new Error(`fixture ${name} does not say which documentation page it follows`);
  return structuredClone(file.payload);
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch (default now). */
  timestamp?: number;
  /** Override the signature (forgery tests). */
  signature?: string;
  /** X-Slack-Retry-Num / X-Slack-Retry-Reason, as Slack sends on redelivery. */
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  body: string;
}

let counter = 0;
const unique = () => `${Date.now()}${String(++counter).padStart(4, '0')}`;

export class SlackSender {
  constructor(
    /** e.g. http://127.0.0.1:PORT/slack/events */
    readonly url: string,
    readonly signingSecret: string,
  ) {}

  async send(body: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(this.signingSecret, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const res = await fetch(this.url, { method: 'POST', headers, body });
    return { status: res.status, body: await res.text() };
  }

  /** A slash command, form-encoded like Slack's. */
  command(fields: Record<string, string>, options?: SendOptions): Promise<SlackResponse> {
    return this.send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An Events API callback (JSON). */
  event(envelope: Json, options?: SendOptions): Promise<SlackResponse> {
    return this.send(JSON.stringify(envelope), 'application/json', options);
  }

  /** An interactivity payload: form-encoded `payload=<JSON>`. */
  interaction(payload: Json, options?: SendOptions): Promise<SlackResponse> {
    return this.send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      options,
    );
  }
}

// --- Payloads from the documentation fixtures, with this test's ids ----------------------

export interface CommandFields {
  command: string;
  text?: string;
  userId: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
}

export function slashCommand(c: CommandFields): Record<string, string> {
  const p = fixture('slash-command');
  return {
    ...p,
    team_id: FAKE_TEAM_ID,
    team_domain: 'steward-test',
    command: c.command,
    text: c.text ?? '',
    user_id: c.userId,
    user_name: c.userName ?? c.userId.toLowerCase(),
    channel_id: c.channelId ?? 'C0GENERAL',
    channel_name: c.channelName ?? 'general',
    response_url: c.responseUrl,
    trigger_id: c.triggerId ?? `${unique()}.738474920.${randomUUID().replace(/-/g, '')}`,
  };
}

function envelope(name: string, event: Json, eventId?: string): Json {
  const p = fixture(name);
  p.team_id = FAKE_TEAM_ID;
  p.event = { ...p.event, ...event };
  p.event_id = eventId ?? `Ev${unique()}`;
  p.event_time = Math.floor(Date.now() / 1000);
  p.authorizations = [{ team_id: FAKE_TEAM_ID, user_id: 'U0BOTSTEW', is_bot: true, is_enterprise_install: false }];
  return p;
}

export const newTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;

export function directMessage(m: {
  userId: string;
  text: string;
  channel?: string;
  ts?: string;
  eventId?: string;
}): Json {
  const ts = m.ts ?? newTs();
  return envelope(
    'message-im',
    {
      user: m.userId,
      text: m.text,
      channel: m.channel ?? `D${m.userId.slice(1)}`,
      ts,
      event_ts: ts,
      client_msg_id: randomUUID(),
    },
    m.eventId,
  );
}

export function threadReply(m: {
  userId: string;
  text: string;
  channel: string;
  threadTs: string;
  ts?: string;
  eventId?: string;
}): Json {
  const ts = m.ts ?? newTs();
  return envelope(
    'message-channels-thread-reply',
    {
      user: m.userId,
      text: m.text,
      channel: m.channel,
      thread_ts: m.threadTs,
      ts,
      event_ts: ts,
      client_msg_id: randomUUID(),
    },
    m.eventId,
  );
}

export function buttonClick(b: {
  userId: string;
  userName?: string;
  value: string;
  actionId: string;
  channelId: string;
  responseUrl: string;
  messageTs?: string;
  triggerId?: string;
}): Json {
  const p = fixture('block-actions');
  p.team = { id: FAKE_TEAM_ID, domain: 'steward-test' };
  p.user = {
    id: b.userId,
    username: b.userName ?? b.userId.toLowerCase(),
    name: b.userName ?? b.userId.toLowerCase(),
    team_id: FAKE_TEAM_ID,
  };
  p.container = { ...p.container, channel_id: b.channelId, message_ts: b.messageTs ?? newTs() };
  p.channel = { id: b.channelId, name: 'staff' };
  p.response_url = b.responseUrl;
  p.trigger_id = b.triggerId ?? `${unique()}.333649436676.${randomUUID().replace(/-/g, '')}`;
  p.actions = [{ ...p.actions[0], action_id: b.actionId, value: b.value, action_ts: newTs() }];
  return p;
}

export function teamJoin(u: { userId: string; name: string; realName?: string; eventId?: string }): Json {
  const base = fixture('team-join').event.user;
  return envelope(
    'team-join',
    {
      user: {
        ...base,
        id: u.userId,
        team_id: FAKE_TEAM_ID,
        name: u.name,
        real_name: u.realName ?? u.name,
        profile: { ...base.profile, real_name: u.realName ?? u.name, display_name: u.name },
      },
    },
    u.eventId,
  );
}

export function userChange(u: { userId: string; deleted: boolean; eventId?: string }): Json {
  const base = fixture('user-change').event.user;
  return envelope(
    'user-change',
    { user: { ...base, id: u.userId, team_id: FAKE_TEAM_ID, deleted: u.deleted } },
    u.eventId,
  );
}

export function appHomeOpened(u: { userId: string; eventId?: string }): Json {
  return envelope('app-home-opened', { user: u.userId, channel: `D${u.userId.slice(1)}` }, u.eventId);
}

/** Submitting a modal Steward opened: `view` is what the adapter sent to views.open (as the fake answered it). */
export function viewSubmission(s: { userId: string; view: Json; values: Record<string, string> }): Json {
  const p = fixture('view-submission');
  p.team = { id: FAKE_TEAM_ID, domain: 'steward-test' };
  p.user = { id: s.userId, username: s.userId.toLowerCase(), name: s.userId.toLowerCase(), team_id: FAKE_TEAM_ID };
  const values: Json = {};
  for (const block of s.view.blocks as { type: string; block_id?: string; element?: { action_id: string } }[]) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const name = block.block_id.replace(/^arg:/, '');
    values[block.block_id] = { [block.element.action_id]: { type: 'plain_text_input', value: s.values[name] ?? '' } };
  }
  p.view = {
    ...p.view,
    id: s.view.id,
    hash: s.view.hash,
    blocks: s.view.blocks,
    callback_id: s.view.callback_id,
    private_metadata: s.view.private_metadata,
    state: { values },
  };
  return p;
}
