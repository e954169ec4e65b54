// The SLA check: for every ticket still being worked on, warn its assignee when a
// target is close (STEWARD_SLA_WARN_PERCENT of it has passed) and escalate when it is
// missed. Each warning and breach is recorded once, so running the check every minute
// (the scheduler does) or from several processes never repeats one.
import type { Services } from '../../services.js';
import { formatDuration, formatTime } from './format.js';
import { ticketDetail } from './messages.js';
import { type SlaMark, type SlaTarget, type TicketRecord, ticketRef } from './model.js';
import type { SlaTargets } from './sla-policy.js';
import { loadHistory, viewTicket } from './views.js';
import { addEvent, changeTicket, type TicketEnv, tellEscalation, tellMember, tellQueue } from './workflow.js';

export interface SlaCheckResult {
  /** Tickets looked at. */
  checked: number;
  warnings: { ticket: string; target: SlaTarget }[];
  breaches: { ticket: string; target: SlaTarget }[];
}

const TARGET_LABEL: Record<SlaTarget, string> = { first_response: 'first response', resolution: 'resolution' };

const targetMs = (targets: SlaTargets, target: SlaTarget) =>
  target === 'first_response' ? targets.firstResponseMs : targets.resolutionMs;

/** Runs the check in its own transaction. */
export function runSlaCheck(services: Services, now: Date): Promise<SlaCheckResult> {
  return services.store.transact(async (repos) => {
    await repos.tickets.lockSlaCheck();
    const env: TicketEnv = { services, repos, now };
    const tickets = await repos.tickets.active();
    const marks = await repos.tickets.slaMarksOf(tickets.map((t) => t.id));
    const marked = new Set(marks.map((m) => `${m.ticketId}/${m.target}/${m.stage}`));
    const result: SlaCheckResult = { checked: tickets.length, warnings: [], breaches: [] };
    for (let ticket of tickets) {
      const targets = services.config.STEWARD_SLA[ticket.priority];
      const pending: SlaTarget[] = ticket.firstResponseAt ? ['resolution'] : ['first_response', 'resolution'];
      for (const target of pending) {
        const ms = targetMs(targets, target);
        const dueAt = new Date(ticket.createdAt.getTime() + ms);
        const warnAt = new Date(ticket.createdAt.getTime() + (ms * services.config.STEWARD_SLA_WARN_PERCENT) / 100);
        const key = `${ticket.id}/${target}`;
        if (now >= dueAt) {
          if (marked.has(`${key}/breach`)) continue;
          const mark: SlaMark = { ticketId: ticket.id, target, stage: 'breach', dueAt, at: now };
          if (!(await repos.tickets.addSlaMark(mark))) continue;
          ticket = await escalateBreach(env, ticket, target, dueAt);
          result.breaches.push({ ticket: ticketRef(ticket), target });
        } else if (now >= warnAt && !marked.has(`${key}/warning`)) {
          const mark: SlaMark = { ticketId: ticket.id, target, stage: 'warning', dueAt, at: now };
          if (!(await repos.tickets.addSlaMark(mark))) continue;
          await warn(env, ticket, target, dueAt);
          result.warnings.push({ ticket: ticketRef(ticket), target });
        }
      }
    }
    return result;
  });
}

async function warn(env: TicketEnv, ticket: TicketRecord, target: SlaTarget, dueAt: Date): Promise<void> {
  const ref = ticketRef(ticket);
  const left = formatDuration(dueAt.getTime() - env.now.getTime());
  const text = `SLA warning: ${ref} (${ticket.priority}) is due its ${TARGET_LABEL[target]} by ${formatTime(dueAt)}, in ${left}.`;
  await addEvent(env, ticket, 'sla_warning', null, { target, dueAt: dueAt.toISOString() });
  // The assignee is the one who can act; with nobody assigned, the whole queue is.
  if (ticket.assigneeId) {
    await tellMember(env, ticket.assigneeId, {
      text,
      actions: [{ command: 'ticket show', args: { id: ref }, label: 'Show' }],
    });
  } else {
    await tellQueue(env, ticket, {
      text: `${text} Nobody has claimed it yet.`,
      actions: [{ command: 'ticket claim', args: { id: ref }, label: 'Claim', style: 'primary' }],
    });
  }
}

async function escalateBreach(
  env: TicketEnv,
  ticket: TicketRecord,
  target: SlaTarget,
  dueAt: Date,
): Promise<TicketRecord> {
  const ref = ticketRef(ticket);
  const late = formatDuration(env.now.getTime() - dueAt.getTime());
  const updated =
    ticket.status === 'escalated'
      ? ticket
      : await changeTicket(env, ticket, { status: 'escalated', escalatedAt: env.now });
  await addEvent(env, updated, 'sla_breach', null, {
    target,
    dueAt: dueAt.toISOString(),
    escalated: ticket.status !== 'escalated',
  });
  const headline = `SLA breach: ${ref} (${ticket.priority}) missed its ${TARGET_LABEL[target]} target, due ${formatTime(dueAt)}${late === '0s' ? '' : ` (${late} ago)`}`;
  const history = await loadHistory(env, updated);
  await tellEscalation(env, updated, ticketDetail(await viewTicket(env, updated), history, headline));
  await tellQueue(env, updated, {
    text: `${headline}; escalated to #${env.services.config.STEWARD_ESCALATION_CHANNEL}.`,
  });
  if (ticket.assigneeId) await tellMember(env, ticket.assigneeId, { text: `${headline}. It has been escalated.` });
  return updated;
}
