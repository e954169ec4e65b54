// Builders for the scheduled reports: each leads with the few numbers that matter, then
// the detail, with the full data attached as CSV (and a chart for monthly reports).
import { buildAccessReview, errorRateText, percent, reviewToCsv } from '../core/access/review.js';
import type { Attachment, Message } from '../core/message.js';
import type { AuditRecord, Repos } from '../core/ports.js';
import type { ChartSpec } from '../core/reports/chart/index.js';
import { csvCell } from '../core/reports/csv.js';
import type { Period as TicketPeriod } from '../core/reports/tickets-period.js';
import { buildTicketSummary } from '../core/reports/tickets-summary.js';
import { loadTicketLog, ticketLogCsv } from '../core/tickets/ticket-log.js';
import type { Services } from '../services.js';
import type { Period } from './period.js';

/** Charts load their drawing libraries (pureimage, pngjs) with the first report, not at start-up. */
async function renderChartPng(spec: ChartSpec): Promise<Buffer> {
  const chart = await import('../core/reports/chart/index.js');
  return chart.renderChartPng(spec);
}

const DAY = 86_400_000;

export const csvAttachment = (filename: string, csv: string): Attachment => ({
  filename,
  contentType: 'text/csv',
  data: Buffer.from(csv, 'utf8').toString('base64'),
});

const pngAttachment = (filename: string, png: Buffer): Attachment => ({
  filename,
  contentType: 'image/png',
  data: png.toString('base64'),
});

/** Day labels ("01".."30") and each day's start, over a period. */
function daysOf(period: Period): { labels: string[]; starts: number[] } {
  const labels: string[] = [];
  const starts: number[] = [];
  for (let t = period.start.getTime(); t < period.end.getTime(); t += DAY) {
    starts.push(t);
    labels.push(new Date(t).toISOString().slice(8, 10));
  }
  return { labels, starts };
}

function bucketByDay(period: Period, times: Date[]): number[] {
  const { starts } = daysOf(period);
  const counts = starts.map(() => 0);
  for (const t of times) {
    const i = Math.floor((t.getTime() - period.start.getTime()) / DAY);
    if (i >= 0 && i < counts.length) counts[i]!++;
  }
  return counts;
}

/** The role-assignment audit log of a period (every role.* entry), oldest first. */
export async function roleAssignmentLog(repos: Repos, period: Period): Promise<AuditRecord[]> {
  const entries: AuditRecord[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await repos.audit.query({ action: 'role.', since: period.start, until: period.end, beforeSeq }, 1000);
    entries.push(...page.filter((e) => e.at < period.end));
    if (page.length < 1000) break;
    beforeSeq = page[page.length - 1]!.seq;
  }
  return entries.reverse();
}

export async function accessReviewReport(services: Services, period: Period, now: Date): Promise<Message> {
  const repos = services.store.repos;
  const review = await buildAccessReview(services, repos, undefined, now);
  const log = await roleAssignmentLog(repos, period);
  const flaggedRows = review.rows.filter((r) => r.flags.length > 0);
  const logCsv = [
    ['seq', 'at', 'action', 'outcome', 'actor', 'subject', 'org', 'detail'].join(','),
    ...log.map((e) =>
      [e.seq, e.at.toISOString(), e.action, e.outcome, e.actorId, e.subjectId, e.orgId, e.detail]
        .map(csvCell)
        .join(','),
    ),
  ].join('\n');
  const changes = log.filter((e) => e.outcome === 'ok');
  const chart = await renderChartPng({
    title: `Role changes per day, ${period.key}`,
    labels: daysOf(period).labels,
    series: [
      {
        name: 'granted',
        values: bucketByDay(
          period,
          changes.filter((e) => /assign|approve|bootstrap/.test(e.action)).map((e) => e.at),
        ),
      },
      {
        name: 'revoked',
        values: bucketByDay(
          period,
          changes.filter((e) => /revoke|expired|offboard/.test(e.action)).map((e) => e.at),
        ),
      },
    ],
    kind: 'bar',
    yLabel: 'changes',
  });
  return {
    text: `Monthly access review for ${period.key}: ${review.total} active grants, ${review.flagged} flagged, audit error rate ${percent(review.errorRate)} (target under ${percent(review.target)}).`,
    fields: [
      { label: 'Error rate', value: errorRateText(review) },
      {
        label: 'Role changes in the month',
        value: `${changes.length} (${log.length - changes.length} refused attempts)`,
      },
    ],
    table: flaggedRows.length
      ? [
          ['grant', 'member', 'role', 'scope', 'flags'],
          ...flaggedRows.slice(0, 25).map((r) => [r.ref, r.member, r.role, r.scope, r.flags.join(', ')]),
        ]
      : undefined,
    attachments: [
      csvAttachment(`access-review-${period.key}.csv`, reviewToCsv(review)),
      csvAttachment(`role-assignments-${period.key}.csv`, logCsv),
      pngAttachment(`role-changes-${period.key}.png`, chart),
    ],
  };
}

export async function ticketSummaryReport(
  services: Services,
  period: Period,
  now: Date,
  withChart: boolean,
): Promise<Message> {
  const repos = services.store.repos;
  const ticketPeriod: TicketPeriod = { label: period.key, from: period.start, to: period.end, slug: period.key };
  const summary = await buildTicketSummary(services, repos, ticketPeriod, now);
  const items = await loadTicketLog(services, repos, ticketPeriod, now);
  const attachments: Attachment[] = [csvAttachment(`tickets-${period.key}.csv`, ticketLogCsv(items))];
  if (withChart) {
    const tickets = items.map((i) => i.view.ticket);
    const { labels } = daysOf(period);
    const hoursToResolve = labels.map(() => [] as number[]);
    for (const t of tickets) {
      if (!t.resolvedAt) continue;
      const i = Math.floor((t.createdAt.getTime() - period.start.getTime()) / DAY);
      hoursToResolve[i]?.push((t.resolvedAt.getTime() - t.createdAt.getTime()) / 3_600_000);
    }
    const opened = await renderChartPng({
      title: `Tickets per day, ${period.key}`,
      labels,
      series: [
        {
          name: 'opened',
          values: bucketByDay(
            period,
            tickets.map((t) => t.createdAt),
          ),
        },
        {
          name: 'resolved',
          values: bucketByDay(
            period,
            tickets.flatMap((t) => (t.resolvedAt ? [t.resolvedAt] : [])),
          ),
        },
      ],
      kind: 'bar',
      yLabel: 'tickets',
    });
    const resolve = await renderChartPng({
      title: `Mean hours to resolve, by day opened, ${period.key}`,
      labels,
      series: [
        {
          name: 'hours',
          values: hoursToResolve.map((h) => (h.length ? h.reduce((a, b) => a + b, 0) / h.length : Number.NaN)),
        },
      ],
      kind: 'line',
      yLabel: 'hours to resolve',
    });
    attachments.push(
      pngAttachment(`tickets-per-day-${period.key}.png`, opened),
      pngAttachment(`time-to-resolve-${period.key}.png`, resolve),
    );
  }
  return { ...summary, attachments: [...(summary.attachments ?? []), ...attachments] };
}
