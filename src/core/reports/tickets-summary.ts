// The ticket summary for a period: counts by category and status, time to first
// response and to resolve, SLA breaches, satisfaction and recurring issues.
// `ticketSummary` is pure (items in, neutral message out); `buildTicketSummary` loads
// the items, so /report tickets and the scheduler's monthly post share one builder.
import type { Services } from '../../services.js';
import type { Message } from '../message.js';
import type { Repos } from '../ports.js';
import {
  categoryStatusTable,
  describeRatings,
  describeTimes,
  firstResponseTimes,
  ratingStats,
  resolutionTimes,
} from '../tickets/metrics.js';
import { isActive, type SlaTarget } from '../tickets/model.js';
import { loadTicketLog, type TicketLogItem } from '../tickets/ticket-log.js';
import { ERASED_TEXT } from '../tickets/ticket-text.js';
import type { Period } from './tickets-period.js';
import { recurringIssues } from './tickets-recurring.js';

export function ticketSummary(period: Period, items: readonly TicketLogItem[]): Message {
  const tickets = items.map((i) => i.view.ticket);
  if (tickets.length === 0) {
    return { text: `Ticket summary for ${period.label}: no tickets were opened.` };
  }
  const breached = items.filter((i) => i.breaches.length > 0);
  const countOf = (target: SlaTarget) => items.filter((i) => i.breaches.includes(target)).length;
  const recurring = recurringIssues(
    items
      .filter((i) => i.view.summary !== ERASED_TEXT)
      .map((i) => ({ ref: i.view.ref, category: i.view.ticket.category, summary: i.view.summary })),
  );
  const open = tickets.filter((t) => isActive(t.status)).length;
  return {
    text: `Ticket summary for ${period.label}: ${tickets.length} ticket${tickets.length === 1 ? '' : 's'} opened, ${open} still open.`,
    fields: [
      { label: 'Time to first response', value: describeTimes(firstResponseTimes(tickets)) },
      { label: 'Time to resolve', value: describeTimes(resolutionTimes(tickets)) },
      {
        label: 'SLA breaches',
        value: breached.length
          ? `${breached.length} ticket${breached.length === 1 ? '' : 's'} (first response ${countOf('first_response')}, resolution ${countOf('resolution')}): ${breached.map((i) => i.view.ref).join(', ')}`
          : 'none',
      },
      { label: 'Satisfaction', value: describeRatings(ratingStats(tickets)) },
      {
        label: 'Recurring issues',
        value: recurring.length
          ? recurring
              .map(
                (r) =>
                  `${r.category}${r.words.length ? ` "${r.words.join(' ')}"` : ''}: ${r.tickets.length} tickets (${r.tickets.join(', ')})`,
              )
              .join('; ')
          : 'none found',
      },
    ],
    table: categoryStatusTable(tickets),
  };
}

export async function buildTicketSummary(
  services: Services,
  repos: Repos,
  period: Period,
  now: Date,
): Promise<Message> {
  return ticketSummary(period, await loadTicketLog(services, repos, period, now));
}
