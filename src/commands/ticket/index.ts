// Every /ticket subcommand, in the order help lists them.
import type { CommandSpec } from '../registry.js';
import { ticketComment, ticketRate } from './feedback.js';
import { ticketOpen } from './open.js';
import { ticketClose, ticketEscalate, ticketReopen, ticketResolve } from './resolve.js';
import { ticketList, ticketShow } from './view.js';
import { ticketAssign, ticketClaim, ticketTriage } from './work.js';

export const TICKET_COMMANDS: CommandSpec[] = [
  ticketOpen,
  ticketList,
  ticketShow,
  ticketClaim,
  ticketAssign,
  ticketTriage,
  ticketComment,
  ticketEscalate,
  ticketResolve,
  ticketReopen,
  ticketClose,
  ticketRate,
];
