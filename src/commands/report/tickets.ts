// /report tickets [period] — the ticket summary; /report ticket-log [period] — the full
// ticket log as CSV and/or JSON attachments (decrypted, so the export is audited).
import { z } from 'zod';
import { reply } from '../../core/message.js';
import { PERIOD_HELP, type PeriodSpec, parsePeriod, resolvePeriod } from '../../core/reports/tickets-period.js';
import { buildTicketSummary } from '../../core/reports/tickets-summary.js';
import { loadTicketLog, ticketLogCsv, ticketLogJson } from '../../core/tickets/ticket-log.js';
import { arg } from '../args.js';
import { type CommandSpec, defineCommand } from '../registry.js';

const DEFAULT_PERIOD = 'month';

const periodSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((value, ctx): PeriodSpec => {
    const spec = parsePeriod(value);
    if (!spec) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a period: use ${PERIOD_HELP}` });
      return z.NEVER;
    }
    return spec;
  })
  .optional();

const periodArg = () => ({
  ...arg.string(`Period: 2026-11, 2026-11-02, 7d, week, last-month, all… (default ${DEFAULT_PERIOD})`, {
    optional: true,
    positional: true,
  }),
  schema: periodSchema,
});

const resolved = (spec: PeriodSpec | undefined, now: Date) => resolvePeriod(spec ?? parsePeriod(DEFAULT_PERIOD)!, now);

export const reportTickets = defineCommand({
  group: 'report',
  name: 'tickets',
  description: 'Ticket summary: counts, time to resolve, SLA breaches, satisfaction, recurring issues',
  args: { period: periodArg() },
  permission: 'report.view',
  async handler(ctx, args) {
    const period = resolved(args.period, ctx.now);
    const summary = await buildTicketSummary(ctx.services, ctx.repos, period, ctx.now);
    return reply(summary.text, summary);
  },
});

export const reportTicketLog = defineCommand({
  group: 'report',
  name: 'ticket-log',
  description: 'Export the ticket log (every ticket with its history) as CSV and JSON',
  args: {
    period: periodArg(),
    format: arg.choice('File format (default both)', ['csv', 'json', 'both'] as const, { optional: true }),
  },
  permission: 'report.view',
  async handler(ctx, args) {
    const period = resolved(args.period, ctx.now);
    const format = args.format ?? 'both';
    const items = await loadTicketLog(ctx.services, ctx.repos, period, ctx.now, { history: format !== 'csv' });
    const base = `tickets-${period.slug}`;
    const attachments = [];
    if (format !== 'json') {
      attachments.push({
        filename: `${base}.csv`,
        contentType: 'text/csv',
        data: Buffer.from(ticketLogCsv(items)).toString('base64'),
      });
    }
    if (format !== 'csv') {
      attachments.push({
        filename: `${base}.json`,
        contentType: 'application/json',
        data: Buffer.from(ticketLogJson(period, items, ctx.now)).toString('base64'),
      });
    }
    await ctx.audit({
      action: 'report.ticket_log',
      detail: { period: period.slug, tickets: items.length, format },
    });
    return reply(
      `Ticket log for ${period.label}: ${items.length} ticket${items.length === 1 ? '' : 's'}. It contains people's support requests: store it with care.`,
      { attachments },
    );
  },
});

export const REPORT_COMMANDS: CommandSpec[] = [reportTickets, reportTicketLog];
