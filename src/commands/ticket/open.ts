// /ticket open: anyone reports a problem where it happens; the channel sees the
// confirmation and the support queue gets a post with Claim and Resolve buttons.
import { reply } from '../../core/message.js';
import { openedConfirmation, queuePost } from '../../core/tickets/messages.js';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, ticketRef } from '../../core/tickets/model.js';
import { findSession } from '../../core/tickets/sessions.js';
import { openTicket, slaDueAt, tellQueue } from '../../core/tickets/workflow.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { envOf } from './shared.js';

export const ticketOpen = defineCommand({
  group: 'ticket',
  name: 'open',
  description: 'Report a problem to the support team',
  args: {
    summary: arg.text('What went wrong, in a sentence'),
    category: arg.choice('Kind of problem (default other)', TICKET_CATEGORIES, { optional: true }),
    priority: arg.choice('How urgent (default normal)', TICKET_PRIORITIES, { optional: true }),
    session: arg.string('Live session it belongs to (S-3 or its name; default the one running here)', {
      optional: true,
    }),
  },
  permission: 'ticket.open',
  async handler(ctx, args) {
    const env = envOf(ctx);
    const channel = ctx.channel;
    const session = args.session
      ? await findSession(ctx.repos, args.session)
      : channel
        ? await ctx.repos.liveSessions.runningIn(channel.platform, channel.id)
        : null;
    const ticket = await openTicket(env, {
      reporterId: ctx.actor.member.id,
      summary: args.summary,
      category: args.category ?? 'other',
      priority: args.priority ?? 'normal',
      sessionId: session?.id ?? null,
      channel,
      actorId: ctx.actor.member.id,
    });
    // Built from what we already hold, rather than decrypting what we just sealed.
    const view = {
      ticket,
      ref: ticketRef(ticket),
      summary: args.summary,
      resolution: null,
      ratingComment: null,
      reporter: ctx.actor.member.displayName,
      assignee: null,
      session,
    };
    await tellQueue(env, ticket, queuePost(view, slaDueAt(ctx.services, ticket, 'first_response')));
    return reply(openedConfirmation(view), { visibility: 'channel' });
  },
});
