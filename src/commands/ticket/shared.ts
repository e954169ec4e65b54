// What the /ticket commands share: the ticket id argument, loading a ticket, and who
// may see or act on one.
import { z } from 'zod';
import { forbidden, notFound } from '../../core/errors.js';
import { assertAllowed, type TicketAction } from '../../core/tickets/lifecycle.js';
import { parseTicketRef, type TicketRecord, ticketRef } from '../../core/tickets/model.js';
import type { TicketEnv } from '../../core/tickets/workflow.js';
import { arg } from '../args.js';
import type { CommandContext } from '../context.js';

const ticketNumber = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((value, ctx) => {
    const number = parseTicketRef(value);
    if (number === null) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a ticket id like T-42` });
      return z.NEVER;
    }
    return number;
  });

/** A ticket id (T-42, 42 or #42), parsed to its number. */
export const ticketArg = (description = 'Ticket id, like T-42') => ({
  ...arg.string(description),
  schema: ticketNumber,
});

export const envOf = (ctx: CommandContext): TicketEnv => ({ services: ctx.services, repos: ctx.repos, now: ctx.now });

export async function loadTicket(ctx: CommandContext, number: number): Promise<TicketRecord> {
  const ticket = await ctx.repos.tickets.byNumber(number);
  if (!ticket) throw notFound(`There is no ticket T-${number}. Check the id with /ticket list.`);
  return ticket;
}

export const isStaff = (ctx: CommandContext) => ctx.can('ticket.work');
export const isReporter = (ctx: CommandContext, ticket: TicketRecord) => ticket.reporterId === ctx.actor.member.id;

/** The reporter and support staff may see and discuss a ticket; nobody else. */
export function assertInvolved(ctx: CommandContext, ticket: TicketRecord, doing: string): void {
  if (isReporter(ctx, ticket) || isStaff(ctx)) return;
  throw forbidden(
    `${ticketRef(ticket)} is not your ticket: only the person who reported it and support staff (ticket.work) can ${doing} it.`,
  );
}

/**
 * The ticket a command acts on, checked in the order every command needs: it exists, the
 * actor may touch it (when `involved` names what they are doing), and the action suits
 * its state.
 */
export async function actOnTicket(ctx: CommandContext, number: number, action: TicketAction, involved?: string) {
  const ticket = await loadTicket(ctx, number);
  if (involved) assertInvolved(ctx, ticket, involved);
  assertAllowed(ticket, action);
  return { env: envOf(ctx), me: ctx.actor.member, ticket, ref: ticketRef(ticket) };
}
