// Support staff taking tickets on: /ticket claim, /ticket assign, /ticket triage.
import { permits } from '../../core/access/evaluator.js';
import { badArgument, conflict } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { assertAllowed } from '../../core/tickets/lifecycle.js';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, ticketRef } from '../../core/tickets/model.js';
import type { TicketPatch } from '../../core/tickets/repo.js';
import { openText } from '../../core/tickets/ticket-text.js';
import { addEvent, changeTicket, firstResponse, tellMember, tellQueue } from '../../core/tickets/workflow.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { actOnTicket, envOf, loadTicket, ticketArg } from './shared.js';

export const ticketClaim = defineCommand({
  group: 'ticket',
  name: 'claim',
  description: 'Take a ticket on yourself',
  args: { id: ticketArg() },
  permission: 'ticket.work',
  async handler(ctx, args) {
    const { env, me, ticket, ref } = await actOnTicket(ctx, args.id, 'claim');
    if (ticket.assigneeId === me.id) throw conflict(`You have already claimed ${ref}.`);
    if (ticket.assigneeId) {
      const [holder] = await ctx.repos.members.displayNames([ticket.assigneeId]).then((m) => [...m.values()]);
      throw conflict(
        `${ref} is already claimed by ${holder ?? 'someone else'}. To take it over, ask them, or have it reassigned with /ticket assign ${ref} <member>.`,
      );
    }
    const updated = await changeTicket(env, ticket, {
      assigneeId: me.id,
      status: ticket.status === 'open' ? 'in_progress' : ticket.status,
      ...(await firstResponse(env, ticket)),
    });
    await addEvent(env, updated, 'claimed', me.id, { assigneeId: me.id });
    await tellQueue(env, updated, { text: `${ref} claimed by ${me.displayName}.` });
    if (ticket.reporterId !== me.id) {
      await tellMember(env, ticket.reporterId, {
        text: `${me.displayName} from support is looking at your ticket ${ref}.`,
      });
    }
    const summary = await openText(ctx.services, ctx.repos, ticket.summary);
    return reply(`You have claimed ${ref}: ${summary}`);
  },
});

export const ticketAssign = defineCommand({
  group: 'ticket',
  name: 'assign',
  description: 'Give a ticket to a member of the support team',
  args: { id: ticketArg(), member: arg.member('Who should work on it') },
  permission: 'ticket.work',
  async handler(ctx, args) {
    const { env, me, ticket, ref } = await actOnTicket(ctx, args.id, 'assign');
    const target = await ctx.resolveMember(args.member);
    if (ticket.assigneeId === target.id) throw conflict(`${ref} is already assigned to ${target.displayName}.`);
    const theirGrants = await ctx.repos.grants.unrevokedFor(target.id);
    if (target.status !== 'active' || !permits(ctx.services.catalogue, theirGrants, 'ticket.work', 'any', ctx.now)) {
      throw badArgument(
        `${target.displayName} cannot work on tickets: they need the ticket.work permission (the support role has it).`,
      );
    }
    const updated = await changeTicket(env, ticket, {
      assigneeId: target.id,
      status: ticket.status === 'open' ? 'in_progress' : ticket.status,
      ...(await firstResponse(env, ticket)),
    });
    await addEvent(env, updated, 'assigned', me.id, {
      assigneeId: target.id,
      ...(ticket.assigneeId ? { previousAssigneeId: ticket.assigneeId } : {}),
    });
    await tellQueue(env, updated, { text: `${ref} assigned to ${target.displayName} by ${me.displayName}.` });
    const summary = await openText(ctx.services, ctx.repos, ticket.summary);
    if (target.id !== me.id) {
      await tellMember(env, target.id, {
        text: `${me.displayName} assigned ticket ${ref} to you (${ticket.priority}, ${ticket.category}): ${summary}`,
        actions: [{ command: 'ticket show', args: { id: ref }, label: 'Show' }],
      });
    }
    return reply(`${ref} is now assigned to ${target.displayName}.`);
  },
});

export const ticketTriage = defineCommand({
  group: 'ticket',
  name: 'triage',
  description: "Change a ticket's priority or category",
  args: {
    id: ticketArg(),
    priority: arg.choice('New priority', TICKET_PRIORITIES, { optional: true }),
    category: arg.choice('New category', TICKET_CATEGORIES, { optional: true }),
  },
  permission: 'ticket.work',
  async handler(ctx, args) {
    const env = envOf(ctx);
    const ticket = await loadTicket(ctx, args.id);
    const ref = ticketRef(ticket);
    if (!args.priority && !args.category) {
      throw badArgument(`Say what to change: /ticket triage ${ref} priority:<priority> and/or category:<category>.`);
    }
    assertAllowed(ticket, 'triage');
    const patch: TicketPatch = {};
    if (args.priority && args.priority !== ticket.priority) patch.priority = args.priority;
    if (args.category && args.category !== ticket.category) patch.category = args.category;
    if (Object.keys(patch).length === 0) {
      throw conflict(`${ref} already has priority ${ticket.priority} and category ${ticket.category}.`);
    }
    const updated = await changeTicket(env, ticket, patch);
    await addEvent(env, updated, 'triaged', ctx.actor.member.id, { ...patch });
    const what = Object.entries(patch)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    await tellQueue(env, updated, { text: `${ref} triaged by ${ctx.actor.member.displayName}: ${what}.` });
    return reply(`${ref} now has ${what}.`);
  },
});
