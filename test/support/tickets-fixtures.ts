// Helpers for ticket and session tests: give someone a role without going through
// /role assign (another area's command), read a member's id, watch domain events, and
// pull attachments out of command outcomes.
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import type { DomainEvent } from '../../src/core/events.js';
import { newId } from '../../src/core/ids.js';
import type { PrismaStore } from '../../src/store/store.js';
import type { TestSteward } from './test-steward.js';

export async function memberId(bot: TestSteward, name: string): Promise<string> {
  const member = await bot.steward.services.store.repos.members.findByAccount(consoleAccount(name));
  if (!member) throw new Error(`${name} has not used Steward yet`);
  return member.id;
}

/** Makes `name` (created if needed) hold `role`, directly in the store. */
export async function grantRole(bot: TestSteward, name: string, role: string): Promise<void> {
  await bot.steward.hello({ account: consoleAccount(name), displayName: name, parseMention: parseConsoleMention });
  await bot.steward.services.store.repos.grants.create({
    id: newId(),
    memberId: await memberId(bot, name),
    role,
    orgId: null,
    grantedById: null,
    reason: 'test set-up',
    createdAt: bot.clock.now(),
    expiresAt: null,
  });
}

/** Records every domain event emitted from now on. */
export function watchEvents(bot: TestSteward): DomainEvent[] {
  const seen: DomainEvent[] = [];
  const services = bot.steward.services;
  const original = services.emit.bind(services);
  services.emit = async (repos, now, event) => {
    seen.push(event);
    await original(repos, now, event);
  };
  return seen;
}

/** Runs one command as `name` in `channel` and returns the full outcome (replies with attachments). */
export function command(bot: TestSteward, name: string, line: string, channel = 'general') {
  const [group = '', ...rest] = line.replace(/^\//, '').split(/\s+/);
  return bot.steward.command({
    account: consoleAccount(name),
    displayName: name,
    parseMention: parseConsoleMention,
    group,
    text: rest.join(' '),
    channel: { platform: 'console', id: channel, name: channel },
  });
}

export const prismaOf = (bot: TestSteward) => (bot.steward.services.store as PrismaStore).prisma;

/** Every ticket-related row, as one string, to prove no plaintext is stored. */
export async function everyTicketRow(bot: TestSteward): Promise<string> {
  const prisma = prismaOf(bot);
  const rows = [
    ...(await prisma.ticket.findMany()),
    ...(await prisma.ticketEvent.findMany()),
    ...(await prisma.outboxMessage.findMany()),
  ];
  return JSON.stringify(rows);
}
