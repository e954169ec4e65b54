// Talking about a ticket and rating it: /ticket comment, /ticket rate.
import { z } from 'zod';
import { conflict, forbidden } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { assertAllowed } from '../../core/tickets/lifecycle.js';
import { ticketRef } from '../../core/tickets/model.js';
import { sealText } from '../../core/tickets/ticket-text.js';
import { addEvent, changeTicket, firstResponse, tellMember, tellQueue } from '../../core/tickets/workflow.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { actOnTicket, envOf, isReporter, loadTicket, ticketArg } from './shared.js';

const RATING_HINT = 'must be a whole number from 1 (poor) to 5 (great)';

/** 1–5, with one message for anything else (a word, 0, 4.5). */
const ratingArg = () => ({
  ...arg.int('1 (poor) to 5 (great)', 1, 5),
  schema: z.coerce.number({ error: RATING_HINT }).int(RATING_HINT).min(1, RATING_HINT).max(5, RATING_HINT),
});

export const ticketComment = defineCommand({
  group: 'ticket',
  name: 'comment',
  description: 'Add a comment to a ticket (reporter and support staff)',
  args: { id: ticketArg(), text: arg.text('The comment') },
  permission: 'ticket.view_own',
  async handler(ctx, args) {
    const { env, me, ticket, ref } = await actOnTicket(ctx, args.id, 'comment', 'comment on');
    const fromReporter = isReporter(ctx, ticket);
    const patch = fromReporter ? {} : await firstResponse(env, ticket);
    const current = Object.keys(patch).length ? await changeTicket(env, ticket, patch) : ticket;
    // A comment is its author's text: sealed under their key.
    await addEvent(env, current, 'commented', me.id, {}, { text: args.text, ownerId: me.id });
    await tellQueue(env, current, { text: `${me.displayName} commented on ${ref}: ${args.text}` });
    if (!fromReporter) {
      await tellMember(env, ticket.reporterId, {
        text: `${me.displayName} commented on your ticket ${ref}: ${args.text}`,
        actions: [{ command: 'ticket comment', args: { id: ref }, label: 'Reply' }],
      });
    } else if (ticket.assigneeId && ticket.assigneeId !== me.id) {
      await tellMember(env, ticket.assigneeId, { text: `${me.displayName} commented on ${ref}: ${args.text}` });
    }
    return reply(`Your comment is on ${ref}.`);
  },
});

export const ticketRate = defineCommand({
  group: 'ticket',
  name: 'rate',
  description: 'Rate how your resolved ticket was handled, from 1 (poor) to 5 (great)',
  args: {
    id: ticketArg(),
    rating: ratingArg(),
    comment: arg.text('Anything to add', { optional: true, positional: true }),
  },
  permission: 'ticket.rate',
  async handler(ctx, args) {
    const env = envOf(ctx);
    const me = ctx.actor.member;
    const ticket = await loadTicket(ctx, args.id);
    const ref = ticketRef(ticket);
    if (!isReporter(ctx, ticket)) throw forbidden(`Only the person who reported ${ref} can rate it.`);
    assertAllowed(ticket, 'rate');
    if (ticket.rating !== null) {
      throw conflict(`You have already rated ${ref} (${ticket.rating}/5); each ticket is rated once.`);
    }
    const updated = await changeTicket(env, ticket, {
      rating: args.rating,
      ratedAt: ctx.now,
      ratingComment: args.comment ? await sealText(ctx.services, ctx.repos, me.id, args.comment) : null,
    });
    await addEvent(
      env,
      updated,
      'rated',
      me.id,
      { rating: args.rating },
      args.comment ? { text: args.comment, ownerId: me.id } : undefined,
    );
    await ctx.emit({ type: 'ticket.rated', ticketId: ticket.id, assigneeId: ticket.assigneeId, rating: args.rating });
    await tellQueue(env, updated, {
      text: `${me.displayName} rated ${ref} ${args.rating}/5${args.comment ? `: ${args.comment}` : '.'}`,
    });
    return reply(`Thank you! You rated ${ref} ${args.rating}/5.`);
  },
});
