// Answering an interaction within Discord's 3-second limit. The command runs at once;
// if it has not finished shortly before the limit, the interaction is deferred (an
// ephemeral "thinking…") and the result edits that message later. Replies keep their
// visibility: ephemeral ones only the invoker sees, channel ones everyone, and DM ones
// go to the invoker's DMs.
import type { CommandOutcome } from '../../src/commands/dispatch.js';
import { type Reply, reply } from '../../src/core/message.js';
import type { DiscordPayload } from './render.js';

/** Defer when the work takes longer than this (Discord allows 3 s for the first response). */
export const DEFAULT_DEFER_AFTER_MS = 2000;

/** The ways to answer one interaction; the HTTP endpoint and the gateway differ only in the first. */
export interface Responder {
  reply(payload: DiscordPayload, ephemeral: boolean): Promise<void>;
  defer(ephemeral: boolean): Promise<void>;
  editOriginal(payload: DiscordPayload): Promise<void>;
  deleteOriginal(): Promise<void>;
  followUp(payload: DiscordPayload, ephemeral: boolean): Promise<void>;
}

export interface AnswerOptions {
  deferAfterMs: number;
  render: (message: Reply) => Promise<DiscordPayload[]>;
  /** Sends payloads to the invoker's DMs; throws when Discord refuses (DMs closed). */
  sendDm: (payloads: DiscordPayload[]) => Promise<void>;
}

const TIMEOUT = Symbol('timeout');

export async function answerInteraction(
  responder: Responder,
  work: Promise<CommandOutcome>,
  options: AnswerOptions,
): Promise<CommandOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), options.deferAfterMs);
  });
  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);
  const deferred = first === TIMEOUT;
  if (deferred) await responder.defer(true);
  const outcome = await work;
  // A replayed interaction was answered the first time; a second answer would fail.
  if (outcome.duplicate) return outcome;

  let started = false;
  const send = async (payload: DiscordPayload, ephemeral: boolean) => {
    if (started) return responder.followUp(payload, ephemeral);
    started = true;
    if (!deferred) return responder.reply(payload, ephemeral);
    if (ephemeral) return responder.editOriginal(payload);
    // The deferral was ephemeral; a public answer replaces it.
    await responder.deleteOriginal();
    return responder.followUp(payload, false);
  };

  const replies = outcome.replies.length > 0 ? outcome.replies : [reply('Done.')];
  for (const r of replies) {
    let shown: Reply = r;
    if (r.visibility === 'dm') {
      try {
        await options.sendDm(await options.render(r));
        shown = reply('I sent you a direct message.');
      } catch {
        shown = { ...r, visibility: 'ephemeral' }; // DMs closed: show it here, to the invoker only
      }
    }
    for (const payload of await options.render(shown)) await send(payload, shown.visibility !== 'channel');
  }
  return outcome;
}
