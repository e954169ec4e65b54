// Finishing and un-finishing tickets: /ticket escalate, /ticket resolve, /ticket reopen,
// /ticket close.
import { reply } from '../../core/message.js';
import { ratingRequest, ticketDetail } from '../../core/tickets/messages.js';
import { sealText } from '../../core/tickets/ticket-text.js';
import { loadHistory, viewTicket } from '../../core/tickets/views.js';
import {
  addEvent,
  changeTicket,
  firstResponse,
  recordIfLate,
  tellEscalation,
  tellMember,
  tellQueue,
} from '../../core/tickets/workflow.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { actOnTicket, isReporter, ticketArg } from './shared.js';

export const ticketEscalate = defineCommand({
  group: 'ticket',
  name: 'escalate',
  description: 'Send a ticket and its history to the IT escalation channel',
  args: { id: ticketArg(), reason: arg.text('Why it needs IT', { optional: true, positional: true }) },
  permission: 'ticket.work',
  async handler(ctx, args) {
    const { env, me, ticket, ref } = await actOnTicket(ctx, args.id, 'escalate');
    const updated = await changeTicket(env, ticket, {
      status: 'escalated',
      escalatedAt: ctx.now,
      ...(await firstResponse(env, ticket)),
    });
    await addEvent(
      env,
      updated,
      'escalated',
      me.id,
      {},
      args.reason ? { text: args.reason, ownerId: me.id } : undefined,
    );
    const view = await viewTicket(env, updated);
    const history = await loadHistory(env, updated);
    await tellEscalation(env, updated, ticketDetail(view, history, `${ref} escalated by ${me.displayName}`));
    const channel = ctx.services.config.STEWARD_ESCALATION_CHANNEL;
    await tellQueue(env, updated, { text: `${ref} escalated to #${channel} by ${me.displayName}.` });
    return reply(`${ref} has been escalated to #${channel} with its history.`);
  },
});

export const ticketResolve = defineCommand({
  group: 'ticket',
  name: 'resolve',
  description: 'Resolve a ticket with a note saying what fixed it',
  args: { id: ticketArg(), note: arg.text('What fixed it (the reporter sees this)') },
  permission: 'ticket.work',
  async handler(ctx, args) {
    const { env, me, ticket, ref } = await actOnTicket(ctx, args.id, 'resolve');
    await recordIfLate(env, ticket, 'resolution');
    const assigneeId = ticket.assigneeId ?? me.id;
    const updated = await changeTicket(env, ticket, {
      status: 'resolved',
      resolvedAt: ctx.now,
      assigneeId,
      // The resolution is part of the reporter's ticket: sealed under their key.
      resolution: await sealText(ctx.services, ctx.repos, ticket.reporterId, args.note),
      ...(await firstResponse(env, ticket)),
    });
    await addEvent(env, updated, 'resolved', me.id, { assigneeId }, { text: args.note, ownerId: ticket.reporterId });
    await ctx.emit({ type: 'ticket.resolved', ticketId: ticket.id, reporterId: ticket.reporterId, assigneeId });
    await tellQueue(env, updated, { text: `${ref} resolved by ${me.displayName}: ${args.note}` });
    if (ticket.reporterId === me.id) return reply(`${ref} is resolved.`);
    const view = await viewTicket(env, updated);
    await tellMember(env, ticket.reporterId, ratingRequest(view, me.displayName));
    return reply(`${ref} is resolved. ${view.reporter} has been asked to rate it.`);
  },
});

export const ticketReopen = defineCommand({
  group: 'ticket',
  name: 'reopen',
  description: 'Reopen a resolved or closed ticket',
  args: { id: ticketArg(), reason: arg.text('Why (the problem is back?)', { optional: true, positional: true }) },
  permission: 'ticket.view_own',
  async handler(ctx, args) {
    const { env, me, ticket, ref } = await actOnTicket(ctx, args.id, 'reopen', 'reopen');
    const updated = await changeTicket(env, ticket, {
      status: ticket.assigneeId ? 'in_progress' : 'open',
      resolvedAt: null,
      resolution: null,
      closedAt: null,
    });
    await addEvent(
      env,
      updated,
      'reopened',
      me.id,
      {},
      args.reason ? { text: args.reason, ownerId: me.id } : undefined,
    );
    const why = args.reason ? `: ${args.reason}` : '.';
    await tellQueue(env, updated, { text: `${ref} reopened by ${me.displayName}${why}` });
    if (ticket.assigneeId && ticket.assigneeId !== me.id) {
      await tellMember(env, ticket.assigneeId, { text: `${me.displayName} reopened ${ref}${why}` });
    }
    return reply(`${ref} is open again${ticket.assigneeId ? ' and back with its assignee' : ''}.`);
  },
});

export const ticketClose = defineCommand({
  group: 'ticket',
  name: 'close',
  description: 'Close a ticket (resolved, withdrawn or not actionable)',
  args: { id: ticketArg(), reason: arg.text('Why', { optional: true, positional: true }) },
  permission: 'ticket.view_own',
  async handler(ctx, args) {
    const { env, me, ticket, ref } = await actOnTicket(ctx, args.id, 'close', 'close');
    const updated = await changeTicket(env, ticket, {
      status: 'closed',
      closedAt: ctx.now,
      ...(isReporter(ctx, ticket) ? {} : await firstResponse(env, ticket)),
    });
    await addEvent(env, updated, 'closed', me.id, {}, args.reason ? { text: args.reason, ownerId: me.id } : undefined);
    const why = args.reason ? `: ${args.reason}` : '.';
    await tellQueue(env, updated, { text: `${ref} closed by ${me.displayName}${why}` });
    if (!isReporter(ctx, ticket)) {
      await tellMember(env, ticket.reporterId, { text: `${me.displayName} closed your ticket ${ref}${why}` });
    }
    return reply(`${ref} is closed.`);
  },
});
