// Looking at tickets: /ticket list and /ticket show. Members see their own tickets;
// support staff see everyone's and can filter.
import { reply } from '../../core/message.js';
import { formatDuration, oneLine } from '../../core/tickets/format.js';
import { ticketDetail } from '../../core/tickets/messages.js';
import {
  ACTIVE_STATUSES,
  STATUS_LABEL,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../core/tickets/model.js';
import type { TicketFilter } from '../../core/tickets/repo.js';
import { findSession } from '../../core/tickets/sessions.js';
import { loadHistory, viewTicket, viewTickets } from '../../core/tickets/views.js';
import { arg } from '../args.js';
import type { CommandContext } from '../context.js';
import { defineCommand } from '../registry.js';
import { assertInvolved, envOf, isStaff, loadTicket, ticketArg } from './shared.js';

const LIST_LIMIT = 25;
const STATUS_FILTERS = ['active', ...TICKET_STATUSES, 'all'] as const;

async function assigneeFilter(ctx: CommandContext, token: string | undefined): Promise<TicketFilter['assigneeId']> {
  if (token === undefined) return undefined;
  const lower = token.toLowerCase();
  if (lower === 'me') return ctx.actor.member.id;
  if (lower === 'none' || lower === 'nobody') return null;
  return (await ctx.resolveMember(token)).id;
}

function statusesOf(filter: (typeof STATUS_FILTERS)[number]): readonly TicketStatus[] | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'active') return ACTIVE_STATUSES;
  return [filter];
}

export const ticketList = defineCommand({
  group: 'ticket',
  name: 'list',
  description: 'List tickets (yours, or everyone’s for support staff), newest first',
  args: {
    status: arg.choice('Which tickets (default active: open, in progress, escalated)', STATUS_FILTERS, {
      optional: true,
    }),
    assignee: arg.member('Assigned to (a member, me, or none)', { optional: true }),
    category: arg.choice('Kind of problem', TICKET_CATEGORIES, { optional: true }),
    session: arg.string('Live session (S-3 or its name)', { optional: true }),
    priority: arg.choice('Priority', TICKET_PRIORITIES, { optional: true }),
  },
  permission: 'ticket.view_own',
  async handler(ctx, args) {
    const staff = isStaff(ctx);
    const statusFilter = args.status ?? 'active';
    const filter: TicketFilter = {
      statuses: statusesOf(statusFilter),
      assigneeId: await assigneeFilter(ctx, args.assignee),
      category: args.category,
      priority: args.priority,
      sessionId: args.session ? (await findSession(ctx.repos, args.session)).id : undefined,
      // Members see only what they reported.
      reporterId: staff ? undefined : ctx.actor.member.id,
    };
    const { tickets, total } = await ctx.repos.tickets.list(filter, LIST_LIMIT);
    const which = statusFilter === 'all' ? '' : `${statusFilter === 'active' ? 'active' : STATUS_LABEL[statusFilter]} `;
    if (total === 0) return reply(staff ? `No ${which}tickets match.` : `You have no ${which}tickets.`);
    const views = await viewTickets(envOf(ctx), tickets);
    const plural = `${which}ticket${total === 1 ? '' : 's'}`;
    const shown = total > tickets.length ? `, the newest ${tickets.length} shown` : '';
    return reply(staff ? `${total} ${plural}${shown}:` : `You have ${total} ${plural}${shown}:`, {
      table: [
        ['Ticket', 'Status', 'Priority', 'Category', 'Assignee', 'Age', 'Summary'],
        ...views.map((v) => [
          v.ref,
          STATUS_LABEL[v.ticket.status],
          v.ticket.priority,
          v.ticket.category,
          v.assignee ?? '-',
          formatDuration(ctx.now.getTime() - v.ticket.createdAt.getTime()),
          oneLine(v.summary, 60),
        ]),
      ],
    });
  },
});

export const ticketShow = defineCommand({
  group: 'ticket',
  name: 'show',
  description: 'Show a ticket with its history',
  args: { id: ticketArg() },
  permission: 'ticket.view_own',
  async handler(ctx, args) {
    const env = envOf(ctx);
    const ticket = await loadTicket(ctx, args.id);
    assertInvolved(ctx, ticket, 'see');
    const detail = ticketDetail(await viewTicket(env, ticket), await loadHistory(env, ticket));
    return reply(detail.text, detail);
  },
});
