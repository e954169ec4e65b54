// /relay list, show, reply, note, assign, close: staff working member conversations.
import { reply } from '../../core/message.js';
import { conversationCode, messageCode } from '../../core/relay/codes.js';
import { People, shownAs } from '../../core/relay/people.js';
import { formatUtc } from '../../core/relay/spam.js';
import {
  addNote,
  assignConversation,
  closeConversation,
  replyToMember,
  requireConversation,
} from '../../core/relay/staff.js';
import { auditView, formatLines, transcriptLines } from '../../core/relay/transcript.js';
import { arg } from '../args.js';
import type { CommandContext } from '../context.js';
import { defineCommand } from '../registry.js';

const LIST_LIMIT = 50;
const SHOW_LAST = 10;

/** A conversation code argument, e.g. C-12. */
export const conversationArg = () => arg.string('Conversation code, e.g. C-12');

/** `me` names the invoker; anything else is a member token. */
export const resolveStaff = (ctx: CommandContext, token: string) =>
  token.toLowerCase() === 'me' ? Promise.resolve(ctx.actor.member) : ctx.resolveMember(token);

export const relayList = defineCommand({
  group: 'relay',
  name: 'list',
  description: 'List conversations: open (default), assigned to you, or all',
  args: { filter: arg.choice('Which conversations', ['open', 'mine', 'all'], { optional: true, positional: true }) },
  permission: 'relay.list',
  async handler(ctx, { filter = 'open' }) {
    const conversations = await ctx.repos.relay.conversations({
      status: filter === 'all' ? undefined : 'open',
      assigneeId: filter === 'mine' ? ctx.actor.member.id : undefined,
      limit: LIST_LIMIT + 1,
    });
    if (conversations.length === 0) {
      return reply(
        filter === 'mine'
          ? 'No open conversations are assigned to you.'
          : `No ${filter === 'all' ? '' : 'open '}conversations.`,
      );
    }
    const people = new People(ctx.repos);
    const rows = [['Conversation', 'Member', 'Status', 'Assigned to', 'Messages', 'Held', 'Last message']];
    for (const c of conversations.slice(0, LIST_LIMIT)) {
      rows.push([
        conversationCode(c.number),
        await people.pseudonym(c.memberId),
        c.status,
        c.assigneeId ? await people.staffName(c.assigneeId) : '-',
        String(c.messageCount),
        String(c.heldCount),
        formatUtc(c.lastMessageAt),
      ]);
    }
    const more = conversations.length > LIST_LIMIT ? ` Showing the ${LIST_LIMIT} most recently active.` : '';
    return reply(`Conversations (${filter}).${more}`, { table: rows });
  },
});

export const relayShow = defineCommand({
  group: 'relay',
  name: 'show',
  description: 'Show a conversation and its latest messages (audited)',
  args: { conversation: conversationArg() },
  permission: 'relay.list',
  async handler(ctx, a) {
    const conversation = await requireConversation(ctx, a.conversation);
    const people = new People(ctx.repos);
    const member = await people.require(conversation.memberId);
    const reveal = ctx.can('relay.reveal_identity');
    const ref = conversationCode(conversation.number);
    const fields = [
      { label: 'Member', value: shownAs(member, reveal) },
      { label: 'Status', value: conversation.status },
      {
        label: 'Assigned to',
        value: conversation.assigneeId ? await people.staffName(conversation.assigneeId) : 'nobody',
      },
      { label: 'Opened', value: formatUtc(conversation.openedAt) },
      { label: 'Messages', value: `${conversation.messageCount} (${conversation.heldCount} held)` },
    ];
    if (conversation.status !== 'open') {
      await auditView(ctx, ctx.actor.member, conversation, 'relay.view', { messages: 0, revealed: reveal });
      return reply(
        `${ref} is closed and archived. Its messages are in /relay transcript ${ref} (needs relay.read_archive).`,
        { fields },
      );
    }
    const messages = await ctx.repos.relay.messages(conversation.number, { last: SHOW_LAST });
    const lines = await transcriptLines(ctx, shownAs(member, reveal), messages);
    await auditView(ctx, ctx.actor.member, conversation, 'relay.view', { messages: lines.length, revealed: reveal });
    const body = lines.length ? `\nLatest messages:\n${formatLines(lines)}` : '';
    return reply(`${ref}${body}`, { fields });
  },
});

export const relayReply = defineCommand({
  group: 'relay',
  name: 'reply',
  description: 'Reply to the member as verified staff (sign:staff hides your name)',
  args: {
    conversation: conversationArg(),
    sign: arg.choice('Sign with your name, or only "Staff"', ['name', 'staff'], { optional: true }),
    text: arg.text('Your reply'),
  },
  permission: 'relay.reply',
  async handler(ctx, a) {
    const conversation = await requireConversation(ctx, a.conversation);
    const signature = a.sign ?? ctx.services.config.STEWARD_RELAY_SIGNATURE;
    const result = await replyToMember(ctx, ctx.actor.member, conversation, a.text, signature);
    return reply(
      `Sent to ${result.member.pseudonym} in ${conversationCode(conversation.number)} as "${result.signedAs}" (${messageCode(result.messageNumber)}).`,
    );
  },
});

export const relayNote = defineCommand({
  group: 'relay',
  name: 'note',
  description: 'Add an internal note to a conversation (staff only, never sent to the member)',
  args: { conversation: conversationArg(), text: arg.text('The note') },
  permission: 'relay.note',
  async handler(ctx, a) {
    const conversation = await requireConversation(ctx, a.conversation);
    const number = await addNote(ctx, ctx.actor.member, conversation, a.text);
    return reply(`Internal note ${messageCode(number)} added to ${conversationCode(conversation.number)}.`);
  },
});

export const relayAssign = defineCommand({
  group: 'relay',
  name: 'assign',
  description: 'Assign a conversation to a staff member (or "me")',
  args: { conversation: conversationArg(), staff: arg.member('The staff member, or "me"') },
  permission: 'relay.list',
  async handler(ctx, a) {
    const conversation = await requireConversation(ctx, a.conversation);
    const assignee = await resolveStaff(ctx, a.staff);
    await assignConversation(ctx, ctx.actor.member, conversation, assignee);
    return reply(`${conversationCode(conversation.number)} is now assigned to ${assignee.displayName}.`);
  },
});

export const relayClose = defineCommand({
  group: 'relay',
  name: 'close',
  description: 'Close a conversation; it is archived (encrypted) and the member is told',
  args: { conversation: conversationArg() },
  permission: 'relay.reply',
  async handler(ctx, a) {
    const conversation = await requireConversation(ctx, a.conversation);
    await closeConversation(ctx, ctx.actor.member, conversation);
    return reply(`${conversationCode(conversation.number)} is closed and archived.`);
  },
});
