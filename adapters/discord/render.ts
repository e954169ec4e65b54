// Neutral messages as Discord message payloads: text in `content` (split at Discord's
// 2,000-character limit, never truncated), tables as code blocks, fields and the
// verified-staff mark as an embed, actions as buttons, attachments as files. Mentions in
// relayed text never ping anyone (allowed_mentions is empty).
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIMessageTopLevelComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Action, Message } from '../../src/core/message.js';
import { splitText } from '../../src/core/split-text.js';

export const CONTENT_LIMIT = 2000;
const BUTTONS_PER_ROW = 5;
const ROWS_PER_MESSAGE = 5;
const FILES_PER_MESSAGE = 10;
const FIELDS_PER_EMBED = 25;
const VERIFIED_COLOUR = 0x2e7d32;

export interface OutgoingFile {
  name: string;
  data: Buffer;
  contentType: string;
}

export interface DiscordPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  files?: OutgoingFile[];
}

export type ActionEncoder = (action: Action) => Promise<string>;

export const VERIFIED_STAFF_EMBED: APIEmbed = {
  author: { name: '✅ Verified staff' },
  description: 'This message comes from the verified staff team, relayed by Steward.',
  footer: { text: 'Staff will never ask for your password.' },
  color: VERIFIED_COLOUR,
};

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function tableLines(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const [header = [], ...body] = rows;
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

/** A table as one or more code blocks, each within the content limit, split between rows. */
export function tableBlocks(rows: string[][]): string[] {
  const fence = '```';
  const room = CONTENT_LIMIT - 2 * (fence.length + 1);
  const blocks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of tableLines(rows)) {
    const line = cut(raw, room);
    if (size + line.length + 1 > room && current.length) {
      blocks.push(current.join('\n'));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks.map((b) => `${fence}\n${b}\n${fence}`);
}

function embedsOf(message: Message): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  const fields = (message.fields ?? []).map((f) => ({
    name: cut(f.label || '—', 256),
    value: cut(f.value || '—', 1024),
    inline: f.value.length <= 40,
  }));
  for (let i = 0; i < fields.length; i += FIELDS_PER_EMBED)
    embeds.push({ fields: fields.slice(i, i + FIELDS_PER_EMBED) });
  if (message.verifiedStaff) embeds.push(VERIFIED_STAFF_EMBED);
  return embeds;
}

async function buttonRows(
  actions: readonly Action[],
  encode: ActionEncoder,
): Promise<APIActionRowComponent<APIButtonComponent>[]> {
  const buttons: APIButtonComponent[] = [];
  const seen = new Set<string>();
  for (const action of actions) {
    const customId = await encode(action);
    if (seen.has(customId)) continue; // Discord rejects two buttons with one custom_id
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      custom_id: customId,
      label: cut(action.label, 80),
      style:
        action.style === 'danger'
          ? ButtonStyle.Danger
          : action.style === 'primary'
            ? ButtonStyle.Primary
            : ButtonStyle.Secondary,
    });
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW) });
  }
  return rows;
}

/** One neutral message → the Discord messages that carry it, in order. */
export async function renderMessage(message: Message, encode: ActionEncoder): Promise<DiscordPayload[]> {
  const contents = [
    ...(message.text.trim() ? splitText(message.text, CONTENT_LIMIT) : []),
    ...(message.table?.length ? tableBlocks(message.table) : []),
  ];
  const embeds = embedsOf(message);
  const rows = await buttonRows(message.actions ?? [], encode);
  const files = (message.attachments ?? []).map((a) => ({
    name: a.filename,
    data: Buffer.from(a.data, 'base64'),
    contentType: a.contentType,
  }));

  const payloads: DiscordPayload[] = contents.map((content) => ({ content }));
  if (payloads.length === 0) payloads.push({});
  const last = payloads[payloads.length - 1]!;
  if (embeds.length) last.embeds = embeds.slice(0, 10);
  if (rows.length) last.components = rows.slice(0, ROWS_PER_MESSAGE);
  if (files.length) last.files = files.slice(0, FILES_PER_MESSAGE);
  // Rare overflow: more than 25 buttons or 10 files continue in further messages.
  for (let i = ROWS_PER_MESSAGE; i < rows.length; i += ROWS_PER_MESSAGE) {
    payloads.push({ content: '(more actions)', components: rows.slice(i, i + ROWS_PER_MESSAGE) });
  }
  for (let i = FILES_PER_MESSAGE; i < files.length; i += FILES_PER_MESSAGE) {
    payloads.push({ files: files.slice(i, i + FILES_PER_MESSAGE) });
  }
  for (const p of payloads) if (!p.content && !p.embeds && !p.files && !p.components) p.content = '(empty message)';
  return payloads;
}

/** The JSON body Discord expects for a payload (files travel separately, as multipart parts). */
export function payloadBody(payload: DiscordPayload, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    attachments: (payload.files ?? []).map((f, id) => ({ id, filename: f.name })),
    allowed_mentions: { parse: [] },
    ...extra,
  };
}

/** Files in @discordjs/rest's shape: each becomes the multipart part files[i]. */
export const restFiles = (payload: DiscordPayload) =>
  (payload.files ?? []).map((f, i) => ({ key: `files[${i}]`, name: f.name, data: f.data, contentType: f.contentType }));
