// The ticket log: every ticket opened in a period, decrypted, with its SLA breaches and
// (for exports) its history. Loading is separate from formatting, so the summary, the
// CSV and the JSON all come from the same items.
import type { Services } from '../../services.js';
import type { Repos } from '../ports.js';
import { csvCell } from '../reports/csv.js';
import type { Period } from '../reports/tickets-period.js';
import { type SlaMark, type SlaTarget, sessionRef } from './model.js';
import { describeEvent, type HistoryEntry, loadHistories, type TicketView, viewTickets } from './views.js';
import type { TicketEnv } from './workflow.js';

export interface TicketLogItem {
  view: TicketView;
  /** Targets this ticket missed. */
  breaches: SlaTarget[];
  history: HistoryEntry[];
}

export async function loadTicketLog(
  services: Services,
  repos: Repos,
  period: Period,
  now: Date,
  options: { history?: boolean } = {},
): Promise<TicketLogItem[]> {
  const env: TicketEnv = { services, repos, now };
  const tickets = await repos.tickets.openedBetween(period.from, period.to);
  const views = await viewTickets(env, tickets);
  const marks = await repos.tickets.slaMarksOf(tickets.map((t) => t.id));
  const breaches = new Map<string, SlaTarget[]>();
  for (const mark of marks.filter((m: SlaMark) => m.stage === 'breach')) {
    breaches.set(mark.ticketId, [...(breaches.get(mark.ticketId) ?? []), mark.target]);
  }
  const histories = options.history ? await loadHistories(env, tickets) : new Map<string, HistoryEntry[]>();
  return views.map((view) => ({
    view,
    breaches: breaches.get(view.ticket.id) ?? [],
    history: histories.get(view.ticket.id) ?? [],
  }));
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const minutesBetween = (from: Date, to: Date | null) =>
  to ? Math.round((to.getTime() - from.getTime()) / 60_000) : null;

/** One ticket as a flat record: a CSV row, or a JSON object (plus its history). */
export function logRecord(item: TicketLogItem) {
  const { view: v } = item;
  const t = v.ticket;
  return {
    ticket: v.ref,
    status: t.status,
    priority: t.priority,
    category: t.category,
    reporter: v.reporter,
    assignee: v.assignee,
    session: v.session ? sessionRef(v.session) : null,
    sessionName: v.session?.name ?? null,
    channel: t.channelName,
    roleRequest: t.requestId,
    summary: v.summary,
    openedAt: t.createdAt.toISOString(),
    firstResponseAt: iso(t.firstResponseAt),
    escalatedAt: iso(t.escalatedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    minutesToFirstResponse: minutesBetween(t.createdAt, t.firstResponseAt),
    minutesToResolve: minutesBetween(t.createdAt, t.resolvedAt),
    resolution: v.resolution,
    rating: t.rating,
    ratingComment: v.ratingComment,
    slaBreaches: item.breaches.join(' '),
  };
}

export type LogRecord = ReturnType<typeof logRecord>;

/** CSV columns, in order: every field of a log record. */
export const LOG_COLUMNS: readonly (keyof LogRecord)[] = [
  'ticket',
  'status',
  'priority',
  'category',
  'reporter',
  'assignee',
  'session',
  'sessionName',
  'channel',
  'roleRequest',
  'summary',
  'openedAt',
  'firstResponseAt',
  'escalatedAt',
  'resolvedAt',
  'closedAt',
  'minutesToFirstResponse',
  'minutesToResolve',
  'resolution',
  'rating',
  'ratingComment',
  'slaBreaches',
];

export function ticketLogCsv(items: readonly TicketLogItem[]): string {
  const rows = items.map((item) => {
    const record = logRecord(item);
    return LOG_COLUMNS.map((c) => csvCell(record[c])).join(',');
  });
  return `${[LOG_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

export function ticketLogJson(period: Period, items: readonly TicketLogItem[], now: Date): string {
  return JSON.stringify(
    {
      period: { label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
      exportedAt: now.toISOString(),
      tickets: items.map((item) => ({
        ...logRecord(item),
        history: item.history.map((h) => ({
          at: h.at.toISOString(),
          actor: h.actor,
          event: h.kind,
          description: describeEvent(h),
          ...(h.text !== null ? { text: h.text } : {}),
        })),
      })),
    },
    null,
    2,
  );
}
