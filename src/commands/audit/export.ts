import { reply } from '../../core/message.js';
import type { AuditRecord } from '../../core/ports.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { pointInTime } from './time.js';

const PAGE = 5000;

export const auditExport = defineCommand({
  group: 'audit',
  name: 'export',
  description: 'Export the audit log (with hashes, for verification elsewhere) as JSON lines',
  args: {
    since: arg.string('From: a duration ago (30d) or a date (2026-11-01)', { optional: true }),
    until: arg.string('Up to: a duration ago or a date (inclusive)', { optional: true }),
  },
  permission: 'audit.log',
  scope: () => 'global',
  async handler(ctx, a) {
    const since = a.since ? pointInTime('since', a.since, ctx.now, 'start') : null;
    const until = a.until ? pointInTime('until', a.until, ctx.now, 'end') : null;
    const lines: string[] = [];
    for (let after = 0; ; ) {
      const page: AuditRecord[] = await ctx.repos.audit.page(after, PAGE);
      for (const e of page) {
        if ((since && e.at < since) || (until && e.at >= until)) continue;
        lines.push(JSON.stringify({ ...e, at: e.at.toISOString() }));
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    await ctx.audit({
      action: 'audit.export',
      detail: { entries: lines.length, since: since?.toISOString() ?? null, until: until?.toISOString() ?? null },
    });
    const stamp = ctx.now.toISOString().slice(0, 10);
    return reply(`Exported ${lines.length} audit entries.`, {
      attachments: [
        {
          filename: `audit-log-${stamp}.jsonl`,
          contentType: 'application/x-ndjson',
          data: Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8').toString('base64'),
        },
      ],
    });
  },
});
