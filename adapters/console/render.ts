// Neutral messages as plain text, for the terminal.
import type { Message } from '../../src/core/message.js';

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows.map((row, r) => {
    const line = row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
    return r === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  });
}

export function renderText(message: Message): string {
  const lines: string[] = [];
  lines.push(message.verifiedStaff ? `[verified staff] ${message.text}` : message.text);
  for (const f of message.fields ?? []) lines.push(`${f.label}: ${f.value}`);
  if (message.table?.length) lines.push(...table(message.table));
  for (const a of message.actions ?? []) {
    const args = Object.entries(a.args)
      .map(([k, v]) => (/\s/.test(v) ? `${k}:"${v}"` : `${k}:${v}`))
      .join(' ');
    lines.push(`(${a.label}: /${a.command}${args ? ` ${args}` : ''})`);
  }
  for (const at of message.attachments ?? []) {
    lines.push(`(attachment ${at.filename}, ${at.contentType}, ${Buffer.from(at.data, 'base64').length} bytes)`);
  }
  return lines.join('\n');
}

/** `[label] first line`, later lines indented to match. */
export function labelled(label: string, text: string): string {
  const [first, ...rest] = text.split('\n');
  return [`[${label}] ${first}`, ...rest.map((l) => `  ${l}`)].join('\n');
}
