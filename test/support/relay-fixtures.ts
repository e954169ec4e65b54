// Helpers for the relay, privacy and incident tests: a staff team on a fresh Steward,
// direct messages as a member, and a deliverer that records what it was given.
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import type { CommandOutcome } from '../../src/commands/dispatch.js';
import type { Message } from '../../src/core/message.js';
import type { AccountRef, MemberRecord, Repos } from '../../src/core/ports.js';
import type { Deliverer } from '../../src/delivery/deliverer.js';
import type { PrismaStore } from '../../src/store/store.js';
import type { TestSteward } from './test-steward.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export const reposOf = (bot: TestSteward): Repos => bot.steward.services.store.repos;
export const prismaOf = (bot: TestSteward) => (bot.steward.services.store as PrismaStore).prisma;

/**
 * admin (first member: super_admin), sam (support: replies, no reveal, no archive),
 * mo (moderator: moderation, archive, incidents), and the members who will write.
 */
export async function staffTeam(bot: TestSteward): Promise<void> {
  await bot.run(
    ['/as admin', '/as sam', '/as mo', '/as admin', '/role assign @sam support', '/role assign @mo moderator'].join(
      '\n',
    ),
  );
}

/** A direct message to the bot from a console member, as a platform would deliver it. */
export async function dm(bot: TestSteward, name: string, text: string, eventId?: string): Promise<CommandOutcome> {
  const outcome = await bot.steward.directMessage({
    account: consoleAccount(name),
    displayName: name,
    parseMention: parseConsoleMention,
    text,
    eventId,
  });
  await bot.steward.outbox.drain();
  return outcome;
}

export async function memberNamed(bot: TestSteward, name: string): Promise<MemberRecord> {
  const found = await reposOf(bot).members.findByAccount(consoleAccount(name));
  if (!found) throw new Error(`test setup: no member ${name}`);
  return found;
}

/** Lines of console output addressed to one label, e.g. "#staff thread C-1" or "to carol". */
export function linesTo(output: string, label: string): string[] {
  const blocks: string[] = [];
  let current: string | null = null;
  for (const line of output.split('\n')) {
    const head = /^\[([^\]]+)\] /.exec(line);
    if (head) {
      if (current !== null) blocks.push(current);
      current = head[1] === label ? line : null;
    } else if (current !== null) {
      current += `\n${line}`;
    }
  }
  if (current !== null) blocks.push(current);
  return blocks;
}

export interface Delivery {
  kind: 'member' | 'channel';
  to: string;
  message: Message;
}

/** A deliverer that records instead of sending, for exactly-once assertions. */
export class RecordingDeliverer implements Deliverer {
  readonly deliveries: Delivery[] = [];
  constructor(readonly platform = 'console') {}
  async toMember(account: AccountRef, _member: MemberRecord, message: Message): Promise<void> {
    this.deliveries.push({ kind: 'member', to: account.userId, message });
  }
  hasChannel(): boolean {
    return true;
  }
  async toChannel(channel: string, message: Message): Promise<void> {
    this.deliveries.push({ kind: 'channel', to: channel, message });
  }
}
