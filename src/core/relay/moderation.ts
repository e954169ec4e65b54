// Moderation: blocks (a blocked member's messages are held, not dropped), reports
// (a member reports a staff message or someone impersonating staff; staff report abuse)
// and the queue moderators work through: reports, and held messages to release or discard.
import { SYSTEM_OWNER } from '../../crypto/keyring.js';
import { invalidState, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { openIncident } from '../incidents/incidents.js';
import type { MemberRecord } from '../ports.js';
import { conversationCode, messageCode, queueCode, requireCode } from './codes.js';
import { type AreaEnv, audit, notify, seal, UNREADABLE, unseal } from './env.js';
import { holdLabel } from './inbound.js';
import { isStaff, People } from './people.js';
import type { ModerationItemRecord, ModerationOutcome, RelayMessageRecord, ReportCategory } from './repo.js';
import { formatUtc } from './spam.js';

const moderators = (env: AreaEnv) => ({
  kind: 'channel' as const,
  channel: env.services.config.STEWARD_MODERATION_CHANNEL,
});

export async function blockMember(
  env: AreaEnv,
  by: MemberRecord,
  member: MemberRecord,
  reason: string,
  until: Date | null,
): Promise<void> {
  if (until && until.getTime() <= env.now.getTime()) {
    throw invalidState(
      `The block would end ${formatUtc(until)}, which has already passed. Give a future date or a duration like 7d.`,
    );
  }
  const existing = await env.repos.relay.activeBlock(member.id, env.now);
  if (existing) {
    throw invalidState(
      `${member.pseudonym} is already blocked ${existing.expiresAt ? `until ${formatUtc(existing.expiresAt)}` : 'indefinitely'}. Run /relay unblock first to change it.`,
    );
  }
  const sealed = await seal(env, member.id, reason);
  await env.repos.relay.addBlock({
    id: newId(),
    memberId: member.id,
    reason: sealed.ciphertext,
    keyId: sealed.keyId,
    createdById: by.id,
    createdAt: env.now,
    expiresAt: until,
  });
  const span = until ? `until ${formatUtc(until)}` : 'until a moderator lifts it';
  await notify(env, {
    to: { kind: 'member', memberId: member.id },
    message: {
      text: `A moderator has paused your messages to the staff team ${span}. Anything you send meanwhile is kept for review, not lost.`,
      verifiedStaff: true,
    },
  });
  await notify(env, {
    to: moderators(env),
    message: { text: `${member.pseudonym} was blocked from messaging staff ${span} by ${by.displayName}: ${reason}` },
  });
  await audit(env, {
    actorId: by.id,
    action: 'relay.block',
    subjectId: member.id,
    detail: { until: until?.toISOString() ?? null },
  });
}

export async function unblockMember(env: AreaEnv, by: MemberRecord, member: MemberRecord): Promise<void> {
  const lifted = await env.repos.relay.liftBlocks(member.id, by.id, env.now);
  if (lifted === 0) throw invalidState(`${member.pseudonym} is not blocked.`);
  await notify(env, {
    to: { kind: 'member', memberId: member.id },
    message: { text: 'You can message the staff team again.', verifiedStaff: true },
  });
  await notify(env, {
    to: moderators(env),
    message: { text: `${member.pseudonym} was unblocked by ${by.displayName}.` },
  });
  await audit(env, { actorId: by.id, action: 'relay.unblock', subjectId: member.id, detail: {} });
}

/** What a report points at, resolved by the caller from a message, conversation or member. */
export interface ReportTarget {
  /** The member the report is about, when known. */
  subject: MemberRecord | null;
  /** Staff act under their names; members are named by pseudonym. */
  subjectIsStaff?: boolean;
  /** How the reporter named them, when Steward does not know them (e.g. an impersonator's handle). */
  unknownName?: string;
  conversationNumber: number | null;
  messageNumber: number | null;
}

export async function fileReport(
  env: AreaEnv,
  reporter: MemberRecord,
  target: ReportTarget,
  category: ReportCategory,
  reason: string,
): Promise<ModerationItemRecord> {
  const fullReason = target.unknownName ? `Reported account: ${target.unknownName}\n${reason}` : reason;
  const sealed = await seal(env, reporter.id, fullReason);
  const item = await env.repos.relay.addModerationItem({
    kind: 'report',
    category,
    reporterId: reporter.id,
    subjectMemberId: target.subject?.id ?? null,
    conversationNumber: target.conversationNumber,
    messageNumber: target.messageNumber,
    reason: sealed.ciphertext,
    reasonKeyId: sealed.keyId,
    createdAt: env.now,
  });
  const ref = queueCode(item.number);
  const about = describeTarget(target);
  await notify(env, {
    to: moderators(env),
    message: {
      text: `${ref}: ${category} report by ${reporter.pseudonym} about ${about}.\n${fullReason}\nWork it with /relay queue and /relay resolve ${ref} action|dismiss <note>.`,
    },
  });
  await audit(env, {
    actorId: reporter.id,
    action: 'relay.report',
    subjectId: target.subject?.id ?? null,
    detail: {
      item: ref,
      category,
      conversation: target.conversationNumber ? conversationCode(target.conversationNumber) : null,
      message: target.messageNumber ? messageCode(target.messageNumber) : null,
    },
  });
  if (category === 'impersonation') {
    await openIncident(env, {
      severity: 'high',
      source: 'impersonation',
      subjectId: target.subject?.id ?? null,
      dedupeKey: `impersonation:${target.subject?.id ?? target.unknownName?.toLowerCase() ?? ref}`,
      summary: `Staff impersonation reported by ${reporter.pseudonym} about ${about} (see ${ref}).`,
    });
  }
  return item;
}

function describeTarget(target: ReportTarget): string {
  const parts: string[] = [];
  if (target.subject)
    parts.push(target.subjectIsStaff ? `staff member ${target.subject.displayName}` : target.subject.pseudonym);
  else if (target.unknownName) parts.push(`${target.unknownName} (not known to Steward)`);
  if (target.messageNumber) parts.push(`message ${messageCode(target.messageNumber)}`);
  if (target.conversationNumber) parts.push(`in ${conversationCode(target.conversationNumber)}`);
  return parts.join(' ') || 'a conversation';
}

export async function requireItem(env: AreaEnv, token: string): Promise<ModerationItemRecord> {
  const number = requireCode('Q', token);
  const item = await env.repos.relay.moderationItem(number);
  if (!item) throw notFound(`There is no moderation item ${queueCode(number)}. See /relay queue.`);
  return item;
}

/** The open queue as lines for a moderator (reasons decrypted, held messages counted). */
export async function describeQueue(env: AreaEnv, items: ModerationItemRecord[]): Promise<string[]> {
  const people = new People(env.repos);
  const lines: string[] = [];
  for (const item of items) {
    const ref = queueCode(item.number);
    const subject = item.subjectMemberId ? await subjectLabel(env, people, item.subjectMemberId) : null;
    const where = item.conversationNumber ? ` in ${conversationCode(item.conversationNumber)}` : '';
    if (item.kind === 'hold') {
      const held = item.conversationNumber ? await env.repos.relay.heldMessages(item.conversationNumber) : [];
      const reasons = [...new Set(held.map((m) => holdLabel(m.holdReason)))].join(', ');
      lines.push(
        `${ref} · held messages from ${subject ?? 'a former member'}${where} · ${held.length} waiting (${reasons || 'none left'}) · since ${formatUtc(item.createdAt)}`,
      );
      continue;
    }
    const reason =
      item.reason && item.reasonKeyId ? ((await unseal(env, item.reason, item.reasonKeyId)) ?? UNREADABLE) : '';
    const reporter = item.reporterId ? await people.pseudonym(item.reporterId) : 'someone';
    const about = subject ?? 'an account not known to Steward';
    const message = item.messageNumber ? ` (${messageCode(item.messageNumber)})` : '';
    lines.push(
      `${ref} · ${item.category} report by ${reporter} about ${about}${where}${message} · ${formatUtc(item.createdAt)}\n    ${reason.replace(/\n/g, '\n    ')}`,
    );
  }
  return lines;
}

/** Staff by name (they act under it), everyone else by pseudonym. */
async function subjectLabel(env: AreaEnv, people: People, memberId: string): Promise<string> {
  const member = await people.get(memberId);
  if (!member) return 'a former member';
  const grants = await env.repos.grants.unrevokedFor(memberId);
  return isStaff(env.services.catalogue, grants, env.now) ? `staff member ${member.displayName}` : member.pseudonym;
}

export const OUTCOMES_BY_KIND = {
  hold: ['release', 'discard'],
  report: ['action', 'dismiss'],
} as const;

export type ResolveChoice = 'release' | 'discard' | 'action' | 'dismiss';

const OUTCOME: Record<ResolveChoice, ModerationOutcome> = {
  release: 'released',
  discard: 'discarded',
  action: 'actioned',
  dismiss: 'dismissed',
};

/** Resolves a queue item; releasing held messages posts them to the staff inbox. */
export async function resolveItem(
  env: AreaEnv,
  by: MemberRecord,
  item: ModerationItemRecord,
  choice: ResolveChoice,
  note: string | null,
): Promise<{ released: number }> {
  const ref = queueCode(item.number);
  if (item.status !== 'open') throw invalidState(`${ref} is already resolved.`);
  const allowed = OUTCOMES_BY_KIND[item.kind] as readonly string[];
  if (!allowed.includes(choice)) {
    throw invalidState(
      `${ref} is ${item.kind === 'hold' ? 'a set of held messages' : 'a report'}: resolve it with ${allowed.join(' or ')}.`,
    );
  }
  let released = 0;
  if (item.kind === 'hold' && item.conversationNumber !== null) {
    const held = await env.repos.relay.heldMessages(item.conversationNumber);
    await env.repos.relay.setMessageStatus(
      held.map((m) => m.number),
      choice === 'release' ? 'released' : 'discarded',
    );
    await env.repos.relay.adjustHeld(item.conversationNumber, -held.length);
    if (choice === 'release' && held.length > 0)
      released = await releaseToStaff(env, by, item.conversationNumber, held);
  }
  const sealedNote = note ? await seal(env, item.subjectMemberId ?? SYSTEM_OWNER, note) : null;
  await env.repos.relay.resolveModerationItem(item.number, {
    byId: by.id,
    now: env.now,
    outcome: OUTCOME[choice],
    note: sealedNote?.ciphertext ?? null,
    noteKeyId: sealedNote?.keyId ?? null,
  });
  if (item.kind === 'report' && item.reporterId) {
    const reporter = await env.repos.members.findById(item.reporterId);
    if (reporter?.status === 'active') {
      await notify(env, {
        to: { kind: 'member', memberId: reporter.id },
        message: {
          text:
            choice === 'action'
              ? `Thank you: moderators reviewed your report ${ref} and took action.`
              : `Thank you: moderators reviewed your report ${ref} and took no action this time.`,
          verifiedStaff: true,
        },
      });
    }
  }
  await audit(env, {
    actorId: by.id,
    action: 'relay.moderation.resolve',
    subjectId: item.subjectMemberId,
    detail: { item: ref, outcome: OUTCOME[choice], released },
  });
  return { released };
}

async function releaseToStaff(
  env: AreaEnv,
  by: MemberRecord,
  conversationNumber: number,
  held: RelayMessageRecord[],
): Promise<number> {
  const conversation = await env.repos.relay.conversation(conversationNumber);
  const member = conversation ? await env.repos.members.findById(conversation.memberId) : null;
  const pseudonym = member?.pseudonym ?? 'a former member';
  const lines: string[] = [];
  for (const m of held) {
    const text = (await unseal(env, m.body, m.keyId)) ?? UNREADABLE;
    lines.push(`[${formatUtc(m.createdAt)}] ${text}`);
  }
  const ref = conversationCode(conversationNumber);
  await notify(env, {
    to: { kind: 'channel', channel: env.services.config.STEWARD_STAFF_CHANNEL },
    message: {
      text: `${held.length} held message(s) from ${pseudonym} released by ${by.displayName}:\n${lines.join('\n')}`,
      threadKey: ref,
    },
  });
  if (member?.status === 'active') {
    await notify(env, {
      to: { kind: 'member', memberId: member.id },
      message: {
        text: 'A moderator reviewed your held messages and passed them on to the staff team.',
        verifiedStaff: true,
      },
    });
  }
  return held.length;
}
