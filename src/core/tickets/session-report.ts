// The live-session report: what went wrong during a session and how fast support
// handled it. `sessionReport` is pure (data in, message out); `buildSessionReport`
// loads the data, for /session report and the scheduler alike.
import type { Services } from '../../services.js';
import type { Message } from '../message.js';
import type { Repos } from '../ports.js';
import { formatDuration, formatTime } from './format.js';
import {
  categoryStatusTable,
  describeRatings,
  describeTimes,
  firstResponseTimes,
  ratingStats,
  resolutionTimes,
} from './metrics.js';
import { INTERRUPTING_PRIORITIES, type LiveSessionRecord, type TicketRecord, ticketRef } from './model.js';
import { sessionLabel } from './views.js';

export interface SessionReportData {
  session: LiveSessionRecord;
  facilitator: string;
  tickets: readonly TicketRecord[];
  now: Date;
}

/** Tickets neither resolved nor closed by `at`. */
export function unresolvedAt(tickets: readonly TicketRecord[], at: Date): TicketRecord[] {
  const doneBy = (d: Date | null) => d !== null && d <= at;
  return tickets.filter((t) => !doneBy(t.resolvedAt) && !doneBy(t.closedAt));
}

export function sessionReport({ session, facilitator, tickets, now }: SessionReportData): Message {
  const end = session.endedAt ?? now;
  const running = session.endedAt === null;
  const unresolved = unresolvedAt(tickets, end);
  const interrupting = tickets.filter((t) => INTERRUPTING_PRIORITIES.includes(t.priority));
  const refs = (list: readonly TicketRecord[]) => list.map(ticketRef).join(', ');
  const smooth = interrupting.length === 0;
  return {
    text: `Session report: ${sessionLabel(session)}${running ? ' (still running)' : ''}`,
    fields: [
      { label: 'Channel', value: `#${session.channelName}` },
      { label: 'Facilitator', value: facilitator },
      { label: 'Started', value: formatTime(session.startedAt) },
      running
        ? { label: 'Running for', value: formatDuration(now.getTime() - session.startedAt.getTime()) }
        : {
            label: 'Ended',
            value: `${formatTime(end)} (after ${formatDuration(end.getTime() - session.startedAt.getTime())})`,
          },
      { label: 'Tickets', value: String(tickets.length) },
      { label: 'Time to first response', value: describeTimes(firstResponseTimes(tickets)) },
      { label: 'Time to resolution', value: describeTimes(resolutionTimes(tickets)) },
      {
        label: running ? 'Unresolved now' : 'Unresolved at end',
        value: unresolved.length ? `${unresolved.length} (${refs(unresolved)})` : '0',
      },
      { label: 'Ratings', value: describeRatings(ratingStats(tickets)) },
      {
        label: 'Ran without technical interruption',
        value: smooth
          ? 'yes (no urgent or high-priority ticket)'
          : `no: ${interrupting.length} urgent or high-priority ticket${interrupting.length === 1 ? '' : 's'} (${refs(interrupting)})`,
      },
    ],
    ...(tickets.length ? { table: categoryStatusTable(tickets) } : {}),
  };
}

export async function loadSessionReportData(
  repos: Repos,
  session: LiveSessionRecord,
  now: Date,
): Promise<SessionReportData> {
  const tickets = await repos.tickets.inSession(session.id);
  const names = await repos.members.displayNames([session.facilitatorId]);
  return { session, facilitator: names.get(session.facilitatorId) ?? 'unknown member', tickets, now };
}

/** Loads and builds a session's report (for /session report and the scheduler). */
export async function buildSessionReport(
  _services: Services,
  repos: Repos,
  session: LiveSessionRecord,
  now: Date,
): Promise<Message> {
  return sessionReport(await loadSessionReportData(repos, session, now));
}
