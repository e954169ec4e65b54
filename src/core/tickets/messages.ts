// The neutral messages tickets produce: queue posts, confirmations, the rating request,
// escalations and the detail view. Pure: views in, messages out.
import type { Action, Message } from '../message.js';
import { formatTime, oneLine } from './format.js';
import { STATUS_LABEL } from './model.js';
import { describeEvent, type HistoryEntry, sessionLabel, type TicketView } from './views.js';

const where = (v: TicketView) => (v.ticket.channelName ? ` in #${v.ticket.channelName}` : '');

export function claimAction(ref: string): Action {
  return { command: 'ticket claim', args: { id: ref }, label: 'Claim', style: 'primary' };
}

export function resolveAction(ref: string): Action {
  return { command: 'ticket resolve', args: { id: ref }, label: 'Resolve' };
}

export function rateActions(ref: string): Action[] {
  return [1, 2, 3, 4, 5].map((n) => ({
    command: 'ticket rate',
    args: { id: ref, rating: String(n) },
    label: `${n}`,
  }));
}

/** What the support queue sees when a ticket is opened. */
export function queuePost(v: TicketView, firstResponseDue: Date): Message {
  return {
    text: `New ticket ${v.ref} from ${v.reporter}${where(v)}: ${v.summary}`,
    fields: [
      { label: 'Priority', value: v.ticket.priority },
      { label: 'Category', value: v.ticket.category },
      ...(v.session ? [{ label: 'Session', value: sessionLabel(v.session) }] : []),
      { label: 'First response due', value: formatTime(firstResponseDue) },
    ],
    actions: [claimAction(v.ref), resolveAction(v.ref)],
  };
}

/** The channel-visible confirmation for the reporter and everyone around them. */
export function openedConfirmation(v: TicketView): string {
  const session = v.session ? ` Part of session ${sessionLabel(v.session)}.` : '';
  return `Ticket ${v.ref} opened for ${v.reporter} (${v.ticket.category}, ${v.ticket.priority}): ${v.summary}\nSupport has been notified.${session} Follow it with /ticket show ${v.ref}.`;
}

/** The DM to the reporter once their ticket is resolved. */
export function ratingRequest(v: TicketView, resolver: string): Message {
  return {
    text: `Your ticket ${v.ref} (${oneLine(v.summary, 80)}) was resolved by ${resolver}: ${v.resolution}\nHow did we do? Rate it from 1 (poor) to 5 (great) with /ticket rate ${v.ref} <1-5> [comment].`,
    actions: rateActions(v.ref),
  };
}

export function historyTable(history: readonly HistoryEntry[]): string[][] {
  return [['When', 'Who', 'What'], ...history.map((h) => [formatTime(h.at), h.actor, describeEvent(h)])];
}

export function ticketFields(v: TicketView): { label: string; value: string }[] {
  const t = v.ticket;
  return [
    { label: 'Status', value: STATUS_LABEL[t.status] },
    { label: 'Priority', value: t.priority },
    { label: 'Category', value: t.category },
    { label: 'Reporter', value: v.reporter },
    { label: 'Assignee', value: v.assignee ?? 'nobody yet' },
    ...(v.session ? [{ label: 'Session', value: sessionLabel(v.session) }] : []),
    ...(t.channelName ? [{ label: 'Channel', value: `#${t.channelName}` }] : []),
    ...(t.requestId
      ? [{ label: 'Role request', value: /^\d+$/.test(t.requestId) ? `#${t.requestId}` : t.requestId }]
      : []),
    { label: 'Opened', value: formatTime(t.createdAt) },
    ...(t.firstResponseAt ? [{ label: 'First response', value: formatTime(t.firstResponseAt) }] : []),
    ...(t.resolvedAt ? [{ label: 'Resolved', value: formatTime(t.resolvedAt) }] : []),
    ...(v.resolution ? [{ label: 'Resolution', value: v.resolution }] : []),
    ...(t.closedAt ? [{ label: 'Closed', value: formatTime(t.closedAt) }] : []),
    ...(t.rating !== null
      ? [{ label: 'Rating', value: `${t.rating}/5${v.ratingComment ? ` (${v.ratingComment})` : ''}` }]
      : []),
  ];
}

/** A ticket with its whole history: /ticket show, and what the escalation channel receives. */
export function ticketDetail(v: TicketView, history: readonly HistoryEntry[], heading?: string): Message {
  return {
    text: `${heading ?? v.ref}: ${v.summary}`,
    fields: ticketFields(v),
    table: historyTable(history),
  };
}
