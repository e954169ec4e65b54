// Inbound events that are not slash commands: direct messages to the bot and members
// leaving a workspace or guild. Like commands, each runs in one transaction and a
// repeated platform event id is acted on once.

import type { CommandContext } from './commands/context.js';
import {
  alreadyHandled,
  bootstrapNotice,
  buildContext,
  type CommandOutcome,
  type Invoker,
  identifyActor,
} from './commands/dispatch.js';
import { asStewardError, ErrorCode } from './core/errors.js';
import { type Reply, reply } from './core/message.js';
import type { AccountRef } from './core/ports.js';
import type { Services } from './services.js';

export interface DirectMessageInput extends Invoker {
  text: string;
  /** Platform message id: a redelivery is acknowledged but stored and relayed once. */
  eventId?: string;
}

/** Feature areas set these; until relay messaging is wired, a DM gets an honest answer. */
export interface InboundHandlers {
  directMessage(ctx: CommandContext, text: string): Promise<Reply[]>;
  memberLeft(ctx: CommandContext): Promise<void>;
}

export const defaultInboundHandlers: InboundHandlers = {
  async directMessage() {
    return [
      reply('Private messages to staff are not available on this Steward yet. Run /steward help for what you can do.'),
    ];
  },
  async memberLeft() {},
};

export async function receiveDirectMessage(
  services: Services,
  handlers: InboundHandlers,
  input: DirectMessageInput,
): Promise<CommandOutcome> {
  const now = services.clock.now();
  try {
    return await services.store.transact(async (repos) => {
      if (await alreadyHandled(repos, input, now)) {
        return { ok: true, duplicate: true, replies: [] };
      }
      const { identified, actor } = await identifyActor(services, repos, input, now);
      const ctx = buildContext(services, repos, actor, null, now, input.parseMention);
      const replies = await handlers.directMessage(ctx, input.text);
      return {
        ok: true,
        replies: [...bootstrapNotice(identified.member.displayName, identified.bootstrapped), ...replies],
      };
    });
  } catch (error) {
    const e = asStewardError(error);
    if (e.code === ErrorCode.Internal) services.logger.error({ err: error, code: e.code }, 'direct message failed');
    return { ok: false, code: e.code, replies: [reply(e.userMessage)] };
  }
}

export async function receiveMemberLeft(
  services: Services,
  handlers: InboundHandlers,
  input: { account: AccountRef; eventId?: string },
): Promise<void> {
  const now = services.clock.now();
  await services.store.transact(async (repos) => {
    if (await alreadyHandled(repos, input, now)) return;
    const member = await repos.members.findByAccount(input.account);
    if (!member) return; // never interacted: nothing to revoke
    const grants = await repos.grants.unrevokedFor(member.id);
    const ctx = buildContext(services, repos, { member, account: input.account, grants }, null, now, () => null);
    await handlers.memberLeft(ctx);
  });
}
