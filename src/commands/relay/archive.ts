// /relay transcript and /relay whois: the two staff reads that go beyond the inbox.
// Both answer only the reader, and both are audited.
import { reply } from '../../core/message.js';
import type { MemberRecord } from '../../core/ports.js';
import { codeKind, conversationCode } from '../../core/relay/codes.js';
import { audit } from '../../core/relay/env.js';
import { People, shownAs } from '../../core/relay/people.js';
import { formatUtc } from '../../core/relay/spam.js';
import { requireConversation } from '../../core/relay/staff.js';
import { auditView, formatLines, transcriptLines } from '../../core/relay/transcript.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { conversationArg } from './conversations.js';

/** Longer transcripts go to the reader's DMs as a file rather than many chat messages. */
const INLINE_LIMIT = 3500;

export const relayTranscript = defineCommand({
  group: 'relay',
  name: 'transcript',
  description: 'Read the full decrypted transcript of a conversation, open or archived (only you see it; audited)',
  args: { conversation: conversationArg() },
  permission: 'relay.read_archive',
  async handler(ctx, a) {
    const conversation = await requireConversation(ctx, a.conversation);
    const member = await ctx.repos.members.findById(conversation.memberId);
    const reveal = ctx.can('relay.reveal_identity');
    const who = member ? shownAs(member, reveal) : 'a former member';
    const messages = await ctx.repos.relay.messages(conversation.number);
    const lines = await transcriptLines(ctx, who, messages);
    await auditView(ctx, ctx.actor.member, conversation, 'relay.transcript.read', {
      messages: lines.length,
      revealed: reveal && member !== null,
    });
    const ref = conversationCode(conversation.number);
    const header = `Transcript of ${ref} with ${who} (${conversation.status}, opened ${formatUtc(conversation.openedAt)}; ${lines.length} messages). This read is recorded in the audit log.`;
    const body = formatLines(lines);
    if (body.length <= INLINE_LIMIT) return reply(`${header}\n${body}`);
    await ctx.notify({
      to: { kind: 'member', memberId: ctx.actor.member.id },
      message: {
        text: header,
        attachments: [
          {
            filename: `${ref}-transcript.txt`,
            contentType: 'text/plain; charset=utf-8',
            data: Buffer.from(`${header}\n\n${body}\n`, 'utf8').toString('base64'),
          },
        ],
      },
    });
    return reply(`${header}\nIt is long, so it was sent to your direct messages as a file (${ref}-transcript.txt).`);
  },
});

export const relayWhois = defineCommand({
  group: 'relay',
  name: 'whois',
  description: 'Reveal who is behind a pseudonym or conversation (audited)',
  args: { target: arg.text('A conversation code (C-12), a pseudonym (Member 7F3A) or a member') },
  permission: 'relay.reveal_identity',
  async handler(ctx, a) {
    let member: MemberRecord;
    let conversation: string | null = null;
    if (codeKind(a.target)?.prefix === 'C') {
      const c = await requireConversation(ctx, a.target);
      conversation = conversationCode(c.number);
      member = await new People(ctx.repos).require(c.memberId);
    } else {
      member = await ctx.resolveMember(a.target);
    }
    const accounts = await ctx.repos.members.accounts(member.id);
    await audit(ctx, {
      actorId: ctx.actor.member.id,
      action: 'relay.reveal',
      subjectId: member.id,
      detail: { conversation },
    });
    if (member.status === 'erased')
      return reply(`${member.pseudonym} has erased their data; there is no identity to reveal.`);
    return reply(`${member.pseudonym} is ${member.displayName}. This reveal is recorded in the audit log.`, {
      fields: [
        { label: 'Platforms', value: [...new Set(accounts.map((x) => x.platform))].join(', ') || 'none' },
        { label: 'Member since', value: formatUtc(member.createdAt) },
        { label: 'Status', value: member.status },
      ],
    });
  },
});
