// /relay block, unblock, report, queue, resolve: moderation.
import { badArgument, notFound, StewardError } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { codeKind, conversationCode, queueCode } from '../../core/relay/codes.js';
import { audit } from '../../core/relay/env.js';
import {
  blockMember,
  describeQueue,
  fileReport,
  type ReportTarget,
  requireItem,
  resolveItem,
  unblockMember,
} from '../../core/relay/moderation.js';
import { formatUtc } from '../../core/relay/spam.js';
import { arg, resolveUntil } from '../args.js';
import type { CommandContext } from '../context.js';
import { defineCommand } from '../registry.js';

const QUEUE_LIMIT = 50;

export const relayBlock = defineCommand({
  group: 'relay',
  name: 'block',
  description: 'Stop a member messaging staff (their messages are held, not lost); duration:7d for a while',
  args: {
    member: arg.member('Who (@mention, name or pseudonym)'),
    duration: arg.duration('How long: a duration like 7d or a date like 2026-12-31 (default: until unblocked)', {
      optional: true,
    }),
    reason: arg.text('Why (moderators see it)'),
  },
  permission: 'relay.moderate',
  async handler(ctx, a) {
    const member = await ctx.resolveMember(a.member);
    const until = a.duration ? resolveUntil(a.duration, ctx.now) : null;
    await blockMember(ctx, ctx.actor.member, member, a.reason, until);
    return reply(
      `${member.pseudonym} is blocked from messaging staff ${until ? `until ${formatUtc(until)}` : 'until unblocked'}. Their messages will be held for review.`,
    );
  },
});

export const relayUnblock = defineCommand({
  group: 'relay',
  name: 'unblock',
  description: 'Let a blocked member message staff again',
  args: { member: arg.member('Who (@mention, name or pseudonym)') },
  permission: 'relay.moderate',
  async handler(ctx, a) {
    const member = await ctx.resolveMember(a.member);
    await unblockMember(ctx, ctx.actor.member, member);
    return reply(`${member.pseudonym} can message staff again. Held messages stay in /relay queue until resolved.`);
  },
});

/** Works out who and what a report is about; members may only point at their own conversations. */
async function reportTarget(ctx: CommandContext, token: string): Promise<ReportTarget> {
  const me = ctx.actor.member;
  const isStaffReader = ctx.can('relay.list');
  const kind = codeKind(token);
  if (kind?.prefix === 'M') {
    const message = await ctx.repos.relay.message(kind.number);
    // A member who names someone else's message learns nothing about it.
    if (!message || (message.memberId !== me.id && !isStaffReader)) {
      throw notFound(`There is no message ${token.toUpperCase()} in your conversations.`);
    }
    const subjectId = message.kind === 'member' ? message.memberId : message.authorId;
    return {
      subject: subjectId ? await ctx.repos.members.findById(subjectId) : null,
      subjectIsStaff: message.kind !== 'member',
      conversationNumber: message.conversationNumber,
      messageNumber: message.number,
    };
  }
  if (kind?.prefix === 'C') {
    const conversation = await ctx.repos.relay.conversation(kind.number);
    if (!conversation || (conversation.memberId !== me.id && !isStaffReader)) {
      throw notFound(`There is no conversation ${conversationCode(kind.number)} of yours.`);
    }
    const aboutStaff = conversation.memberId === me.id;
    const subjectId = aboutStaff ? conversation.assigneeId : conversation.memberId;
    return {
      subject: subjectId ? await ctx.repos.members.findById(subjectId) : null,
      subjectIsStaff: aboutStaff,
      conversationNumber: conversation.number,
      messageNumber: null,
    };
  }
  try {
    return { subject: await ctx.resolveMember(token), conversationNumber: null, messageNumber: null };
  } catch (error) {
    // Impersonators often never talk to Steward: keep the report, naming them as given.
    if (error instanceof StewardError && error.code === 'NOT_FOUND') {
      return { subject: null, unknownName: token, conversationNumber: null, messageNumber: null };
    }
    throw error;
  }
}

export const relayReport = defineCommand({
  group: 'relay',
  name: 'report',
  description:
    'Report a message (M-5), a conversation (C-12) or a person to moderators; type:impersonation for fake staff',
  args: {
    target: arg.string('A message code (M-5), conversation code (C-12) or @person'),
    type: arg.choice('What kind of problem', ['abuse', 'impersonation', 'spam'], { optional: true }),
    reason: arg.text('What happened'),
  },
  permission: 'relay.report',
  async handler(ctx, a) {
    const target = await reportTarget(ctx, a.target);
    if (target.subject?.id === ctx.actor.member.id) throw badArgument('You cannot report yourself.');
    const item = await fileReport(ctx, ctx.actor.member, target, a.type ?? 'abuse', a.reason);
    const ref = queueCode(item.number);
    const impersonation =
      a.type === 'impersonation'
        ? ' Real staff only ever message you through Steward, with the verified-staff mark; check anyone with /verify.'
        : '';
    return reply(`Thank you. Your report ${ref} went to the moderators.${impersonation}`);
  },
});

export const relayQueue = defineCommand({
  group: 'relay',
  name: 'queue',
  description: 'The moderation queue: open reports and held messages',
  args: {},
  permission: 'relay.moderate',
  async handler(ctx) {
    const items = await ctx.repos.relay.openModerationItems(QUEUE_LIMIT);
    if (items.length === 0) return reply('The moderation queue is empty.');
    const lines = await describeQueue(ctx, items);
    await audit(ctx, {
      actorId: ctx.actor.member.id,
      action: 'relay.queue.view',
      detail: { items: items.map((i) => queueCode(i.number)) },
    });
    return reply(
      `Moderation queue (${items.length}${items.length === QUEUE_LIMIT ? '+' : ''} open, oldest first):\n${lines.join('\n')}\nResolve with /relay resolve <item> release|discard (held) or action|dismiss (reports) [note].`,
    );
  },
});

export const relayResolve = defineCommand({
  group: 'relay',
  name: 'resolve',
  description: 'Resolve a queue item: release or discard held messages; action or dismiss a report',
  args: {
    item: arg.string('Queue item, e.g. Q-3'),
    outcome: arg.choice('What to do', ['release', 'discard', 'action', 'dismiss']),
    note: arg.text('A note for the record', { optional: true, positional: true }),
  },
  permission: 'relay.moderate',
  async handler(ctx, a) {
    const item = await requireItem(ctx, a.item);
    const { released } = await resolveItem(ctx, ctx.actor.member, item, a.outcome, a.note ?? null);
    const ref = queueCode(item.number);
    const what = {
      release: `${released} held message(s) were passed on to the staff inbox`,
      discard: 'the held messages stay archived and were not passed on',
      action: 'marked as actioned; the reporter was told',
      dismiss: 'dismissed; the reporter was told',
    }[a.outcome];
    return reply(`${ref} resolved: ${what}.`);
  },
});
