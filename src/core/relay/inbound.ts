// A member's direct message to the bot: it joins their open conversation (or opens
// one), is sealed under their data key, and is posted to the staff inbox under their
// pseudonym, unless the spam rules hold it: then it is kept, a moderator sees it in the
// queue, and the member is told. A burst opens a security incident.
import { badArgument } from '../errors.js';
import { openIncident } from '../incidents/incidents.js';
import { type Reply, reply } from '../message.js';
import type { MemberRecord } from '../ports.js';
import { conversationCode, messageCode, queueCode } from './codes.js';
import { DigestsByMessage, duplicateDigest } from './duplicates.js';
import { type AreaEnv, notify, seal, unseal } from './env.js';
import { MAX_MESSAGE_LENGTH, spamPolicy } from './policy.js';
import type { ConversationRecord, HoldReason, RelayMessageRecord } from './repo.js';
import { holdExplanation, isNewMember, judge, type RelayedMessage, type SpamPolicy } from './spam.js';

const MINUTE = 60_000;
/** Relayed messages compared for duplicates; the rate limit keeps the real number lower. */
const RECENT_LIMIT = 200;

export async function receiveMemberMessage(env: AreaEnv, member: MemberRecord, raw: string): Promise<Reply[]> {
  const text = raw.trim();
  if (!text)
    return [reply('Steward can only pass on text for now: please write your message as text.', { visibility: 'dm' })];
  if (text.length > MAX_MESSAGE_LENGTH) {
    throw badArgument(
      `Your message is ${text.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE_LENGTH.toLocaleString('en')}. Nothing was sent: please split it into several messages.`,
    );
  }
  const { repos, now } = env;
  const policy = spamPolicy(env.services.config);
  const block = await repos.relay.activeBlock(member.id, now);
  const existing = await repos.relay.openConversationOf(member.id);
  const verdict = judge(policy, {
    text,
    now,
    memberSince: member.createdAt,
    blockedUntil: block ? (block.expiresAt ?? 'indefinitely') : null,
    // A rolling minute: a message exactly 60 s old no longer counts.
    sentLastMinute: await repos.relay.countFromMember(member.id, new Date(now.getTime() - MINUTE + 1)),
    sentSinceJoining: isNewMember(policy, member.createdAt, now)
      ? await repos.relay.countFromMember(member.id, member.createdAt)
      : 0,
    relayedRecently: await relayedRecently(env, member, policy),
  });

  const conversation = existing ?? (await repos.relay.createConversation(member.id, now));
  const sealed = await seal(env, member.id, text);
  const message = await repos.relay.addMessage({
    conversationNumber: conversation.number,
    memberId: member.id,
    kind: 'member',
    authorId: member.id,
    body: sealed.ciphertext,
    keyId: sealed.keyId,
    status: verdict.hold ? 'held' : 'relayed',
    holdReason: verdict.hold,
    signature: null,
    createdAt: now,
  });
  digestsOf(env).remember(message.number, duplicateDigest(text));
  await repos.relay.recordActivity(conversation.number, now, { messages: 1, held: verdict.hold ? 1 : 0 });

  if (verdict.burst) {
    await openIncident(env, {
      severity: 'medium',
      source: 'spam',
      subjectId: member.id,
      dedupeKey: `spam:${member.id}`,
      summary: `${member.pseudonym} sent ${verdict.lastMinute} messages to staff within one minute (${conversationCode(conversation.number)}). Further messages are held.`,
    });
  }
  if (verdict.hold) {
    await queueHeld(env, member, conversation, message, verdict.hold, verdict.matched);
    return [reply(holdExplanation(verdict.hold, policy, block?.expiresAt ?? null), { visibility: 'dm' })];
  }
  await postToStaff(env, member, conversation, message, text, !existing);
  if (existing) return [];
  return [
    reply(
      `Your message reached the staff team (conversation ${conversationCode(conversation.number)}). A verified staff member will answer here: their replies always come from Steward with the verified-staff mark. Anyone who DMs you directly claiming to be staff is not; check with /verify.`,
      { visibility: 'dm' },
    ),
  ];
}

/** One cache per store: message numbers are a database's own (tests run several in one process). */
const digestsByStore = new WeakMap<object, DigestsByMessage>();
function digestsOf(env: AreaEnv): DigestsByMessage {
  let digests = digestsByStore.get(env.services.store);
  if (!digests) {
    digests = new DigestsByMessage();
    digestsByStore.set(env.services.store, digests);
  }
  return digests.sync(env.services.store.rollbacks);
}

/**
 * Digests of what staff received from the member inside the duplicate window. The rate
 * limit holds everything beyond it, so this stays small even for a flood.
 */
async function relayedRecently(env: AreaEnv, member: MemberRecord, policy: SpamPolicy): Promise<RelayedMessage[]> {
  if (policy.duplicateWindowMs <= 0) return [];
  const since = new Date(env.now.getTime() - policy.duplicateWindowMs);
  const digests = digestsOf(env);
  const recent = await env.repos.relay.relayedFromMember(member.id, since, RECENT_LIMIT);
  const unknown = recent.filter((m) => digests.get(m.number) === undefined).map((m) => m.number);
  for (const sealed of await env.repos.relay.sealedBodies(unknown)) {
    const text = await unseal(env, sealed.body, sealed.keyId);
    if (text !== null) digests.remember(sealed.number, duplicateDigest(text)); // null: erased meanwhile
  }
  const out: RelayedMessage[] = [];
  for (const m of recent) {
    const digest = digests.get(m.number);
    if (digest !== undefined) out.push({ createdAt: m.createdAt, digest });
  }
  return out;
}

export function staffPost(
  pseudonym: string,
  conversation: ConversationRecord,
  text: string,
  isNew: boolean,
): { text: string; threadKey: string } {
  const ref = conversationCode(conversation.number);
  const head = isNew
    ? `New conversation ${ref} from ${pseudonym}. Reply in this thread or with /relay reply ${ref} <text>.`
    : `${ref} · ${pseudonym}:`;
  return { text: `${head}\n${text}`, threadKey: ref };
}

async function postToStaff(
  env: AreaEnv,
  member: MemberRecord,
  conversation: ConversationRecord,
  message: RelayMessageRecord,
  text: string,
  isNew: boolean,
): Promise<void> {
  const post = staffPost(member.pseudonym, conversation, text, isNew);
  await notify(env, {
    to: { kind: 'channel', channel: env.services.config.STEWARD_STAFF_CHANNEL },
    message: { ...post, fields: [{ label: 'Ref', value: messageCode(message.number) }] },
  });
}

const HOLD_LABELS: Record<HoldReason, string> = {
  rate_limit: 'rate limit',
  duplicate: 'duplicate',
  blocklist: 'blocklist',
  new_member: 'new-member cooldown',
  blocked: 'member is blocked',
};
export const holdLabel = (reason: HoldReason | null) => (reason ? HOLD_LABELS[reason] : 'held');

/** One open queue item per conversation collects its held messages; moderators hear of it once. */
async function queueHeld(
  env: AreaEnv,
  member: MemberRecord,
  conversation: ConversationRecord,
  message: RelayMessageRecord,
  reason: HoldReason,
  matched: string | undefined,
): Promise<void> {
  // A repeated message is noise, not something a moderator must decide on.
  if (reason === 'duplicate') return;
  if (await env.repos.relay.openHoldItem(conversation.number)) return;
  const item = await env.repos.relay.addModerationItem({
    kind: 'hold',
    category: null,
    reporterId: null,
    subjectMemberId: member.id,
    conversationNumber: conversation.number,
    messageNumber: message.number,
    reason: null,
    reasonKeyId: null,
    createdAt: env.now,
  });
  const ref = queueCode(item.number);
  await notify(env, {
    to: { kind: 'channel', channel: env.services.config.STEWARD_MODERATION_CHANNEL },
    message: {
      text: `${ref}: messages from ${member.pseudonym} in ${conversationCode(conversation.number)} are being held (${holdLabel(reason)}${matched ? `: ${matched}` : ''}). Review with /relay show ${conversationCode(conversation.number)}, then /relay resolve ${ref} release|discard.`,
    },
  });
}
