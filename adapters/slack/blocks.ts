// Neutral messages as Block Kit. Text is escaped for mrkdwn and split into sections of at
// most 3,000 characters (Slack's section limit) with src/core/split-text.ts: long text is
// spread over several posts in order, never truncated. Verified staff messages carry a
// context block on every post so a member can tell them from impersonators.
import type { types } from '@slack/bolt';
import type { Action, Message } from '../../src/core/message.js';
import { splitText } from '../../src/core/split-text.js';
import { ACTION_ID_PREFIX, encodeActionValue, MAX_BUTTON_VALUE } from './action-values.js';
import { escapeMrkdwn } from './mentions.js';

type Block = types.KnownBlock;

export interface SlackPost {
  /** Fallback text for notifications and clients without blocks. */
  text: string;
  blocks: Block[];
}

export const SECTION_LIMIT = 3000;
const FIELD_LIMIT = 2000;
const BUTTON_LABEL_LIMIT = 75;
/** Per post, below Slack's 50 blocks and well within its message size limit. */
const MAX_BLOCKS_PER_POST = 40;
const MAX_CHARS_PER_POST = 12_000;

export const VERIFIED_STAFF_LABEL = ':white_check_mark: *Verified staff* — sent through Steward by your staff team';

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

function textSections(text: string): Block[] {
  if (!text.trim()) return [];
  return splitText(escapeMrkdwn(text), SECTION_LIMIT).map(section);
}

function fieldSections(fields: NonNullable<Message['fields']>): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < fields.length; i += 10) {
    const chunk = fields.slice(i, i + 10);
    const long = chunk.some((f) => f.label.length + f.value.length + 4 > FIELD_LIMIT);
    if (long) {
      // A field that does not fit a field box becomes ordinary text: never cut.
      for (const f of chunk) blocks.push(...textSections(`${f.label}:\n${f.value}`));
      continue;
    }
    blocks.push({
      type: 'section',
      fields: chunk.map((f) => ({
        type: 'mrkdwn' as const,
        text: `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`,
      })),
    });
  }
  return blocks;
}

/** A table as monospace text: Block Kit has no portable table for every client. */
export function tableText(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function tableSections(rows: string[][]): Block[] {
  const text = escapeMrkdwn(tableText(rows));
  if (!text) return [];
  return splitText(text, SECTION_LIMIT - 8).map((part) => section(`\`\`\`${part}\`\`\``));
}

function actionBlocks(actions: Action[]): Block[] {
  const buttons: types.Button[] = [];
  const fallback: string[] = [];
  for (const [i, action] of actions.entries()) {
    const value = encodeActionValue(action);
    if (value.length > MAX_BUTTON_VALUE) {
      fallback.push(
        `${action.label}: /${action.command} ${Object.entries(action.args)
          .map(([k, v]) => `${k}:"${v}"`)
          .join(' ')}`,
      );
      continue;
    }
    const label =
      action.label.length > BUTTON_LABEL_LIMIT ? `${action.label.slice(0, BUTTON_LABEL_LIMIT - 1)}…` : action.label;
    buttons.push({
      type: 'button',
      action_id: `${ACTION_ID_PREFIX}${i}`,
      text: { type: 'plain_text', text: label, emoji: true },
      value,
      ...(action.style ? { style: action.style } : {}),
    });
  }
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += 25) blocks.push({ type: 'actions', elements: buttons.slice(i, i + 25) });
  if (fallback.length) blocks.push(...textSections(fallback.join('\n')));
  return blocks;
}

const blockChars = (block: Block): number => JSON.stringify(block).length;

function plainOf(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.type === 'section' && b.text) parts.push(b.text.text);
    else if (b.type === 'section' && b.fields) parts.push(b.fields.map((f) => f.text).join('\n'));
  }
  return parts.join('\n');
}

/** Renders one neutral message as one or more Slack posts, in order. */
export function renderPosts(message: Message): SlackPost[] {
  const body: Block[] = [
    ...textSections(message.text),
    ...fieldSections(message.fields ?? []),
    ...(message.table?.length ? tableSections(message.table) : []),
    ...actionBlocks(message.actions ?? []),
  ];
  const badge: Block[] = message.verifiedStaff
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: VERIFIED_STAFF_LABEL }] }]
    : [];
  if (body.length === 0) body.push(section(' '));

  const posts: SlackPost[] = [];
  let current: Block[] = [];
  let chars = 0;
  const flush = () => {
    if (current.length === 0) return;
    const blocks = [...badge, ...current];
    const plain = plainOf(current);
    posts.push({ text: message.verifiedStaff ? `[Verified staff] ${plain}` : plain, blocks });
    current = [];
    chars = 0;
  };
  for (const block of body) {
    const size = blockChars(block);
    if (current.length > 0 && (current.length + 1 > MAX_BLOCKS_PER_POST || chars + size > MAX_CHARS_PER_POST)) flush();
    current.push(block);
    chars += size;
  }
  flush();
  return posts;
}
