// What staff do in a conversation: reply to the member (as verified staff, signed with
// their name or just "Staff"), write internal notes, assign and close. Every action is
// audited without its text; the staff inbox thread shows what happened.
import { permits } from '../access/evaluator.js';
import { badArgument, invalidState, notFound } from '../errors.js';
import type { MemberRecord } from '../ports.js';
import { conversationCode, messageCode, requireCode } from './codes.js';
import { type AreaEnv, audit, notify, seal } from './env.js';
import { STAFF_PERMISSION } from './people.js';
import type { ConversationRecord, Signature } from './repo.js';

export async function requireConversation(env: AreaEnv, token: string): Promise<ConversationRecord> {
  const number = requireCode('C', token);
  const conversation = await env.repos.relay.conversation(number);
  if (!conversation) throw notFound(`There is no conversation ${conversationCode(number)}. See /relay list all.`);
  return conversation;
}

function requireOpen(conversation: ConversationRecord): void {
  if (conversation.status !== 'open') {
    throw invalidState(
      `${conversationCode(conversation.number)} is closed (archived). When the member writes again, a new conversation opens.`,
    );
  }
}

async function conversationMember(env: AreaEnv, conversation: ConversationRecord): Promise<MemberRecord> {
  const member = await env.repos.members.findById(conversation.memberId);
  if (!member || member.status === 'erased') {
    throw invalidState(`The member of ${conversationCode(conversation.number)} has erased their data.`);
  }
  return member;
}

const staffThread = (env: AreaEnv, conversation: ConversationRecord, text: string) =>
  notify(env, {
    to: { kind: 'channel', channel: env.services.config.STEWARD_STAFF_CHANNEL },
    message: { text, threadKey: conversationCode(conversation.number) },
  });

export interface ReplyResult {
  member: MemberRecord;
  messageNumber: number;
  signedAs: string;
}

export async function replyToMember(
  env: AreaEnv,
  staff: MemberRecord,
  conversation: ConversationRecord,
  text: string,
  signature: Signature,
): Promise<ReplyResult> {
  requireOpen(conversation);
  const member = await conversationMember(env, conversation);
  const sealed = await seal(env, member.id, text);
  const message = await env.repos.relay.addMessage({
    conversationNumber: conversation.number,
    memberId: member.id,
    kind: 'staff',
    authorId: staff.id,
    body: sealed.ciphertext,
    keyId: sealed.keyId,
    status: 'relayed',
    holdReason: null,
    signature,
    createdAt: env.now,
  });
  await env.repos.relay.recordActivity(conversation.number, env.now, { messages: 1, held: 0 });
  if (!conversation.assigneeId) await env.repos.relay.assign(conversation.number, staff.id);
  const signedAs = signature === 'staff' ? 'Staff' : staff.displayName;
  const ref = conversationCode(conversation.number);
  await notify(env, {
    to: { kind: 'member', memberId: member.id },
    message: {
      text: `${signedAs}: ${text}`,
      verifiedStaff: true,
      fields: [{ label: 'Ref', value: `${messageCode(message.number)} (${ref})` }],
    },
  });
  await staffThread(
    env,
    conversation,
    `${staff.displayName} replied to ${member.pseudonym} (signed "${signedAs}"):\n${text}`,
  );
  await audit(env, {
    actorId: staff.id,
    action: 'relay.reply',
    subjectId: member.id,
    detail: { conversation: ref, message: messageCode(message.number), signature },
  });
  return { member, messageNumber: message.number, signedAs };
}

export async function addNote(
  env: AreaEnv,
  staff: MemberRecord,
  conversation: ConversationRecord,
  text: string,
): Promise<number> {
  const sealed = await seal(env, conversation.memberId, text);
  const message = await env.repos.relay.addMessage({
    conversationNumber: conversation.number,
    memberId: conversation.memberId,
    kind: 'note',
    authorId: staff.id,
    body: sealed.ciphertext,
    keyId: sealed.keyId,
    status: 'relayed',
    holdReason: null,
    signature: null,
    createdAt: env.now,
  });
  await staffThread(env, conversation, `Internal note by ${staff.displayName} (not sent to the member):\n${text}`);
  await audit(env, {
    actorId: staff.id,
    action: 'relay.note',
    subjectId: conversation.memberId,
    detail: { conversation: conversationCode(conversation.number), message: messageCode(message.number) },
  });
  return message.number;
}

export async function assignConversation(
  env: AreaEnv,
  by: MemberRecord,
  conversation: ConversationRecord,
  assignee: MemberRecord,
): Promise<void> {
  requireOpen(conversation);
  const ref = conversationCode(conversation.number);
  const grants = await env.repos.grants.unrevokedFor(assignee.id);
  if (assignee.status !== 'active' || !permits(env.services.catalogue, grants, STAFF_PERMISSION, 'any', env.now)) {
    throw badArgument(
      `${assignee.displayName} cannot take ${ref}: they do not hold a staff role that may reply to members (\`${STAFF_PERMISSION}\`).`,
    );
  }
  if (conversation.assigneeId === assignee.id)
    throw invalidState(`${ref} is already assigned to ${assignee.displayName}.`);
  await env.repos.relay.assign(conversation.number, assignee.id);
  const member = await env.repos.members.findById(conversation.memberId);
  await staffThread(env, conversation, `${ref} assigned to ${assignee.displayName} by ${by.displayName}.`);
  if (assignee.id !== by.id) {
    await notify(env, {
      to: { kind: 'member', memberId: assignee.id },
      message: {
        text: `${by.displayName} assigned you conversation ${ref} (${member?.pseudonym ?? 'a member'}). Reply with /relay reply ${ref} <text>.`,
      },
    });
  }
  await audit(env, {
    actorId: by.id,
    action: 'relay.assign',
    subjectId: conversation.memberId,
    detail: { conversation: ref, assignee: assignee.id },
  });
}

export async function closeConversation(
  env: AreaEnv,
  by: MemberRecord,
  conversation: ConversationRecord,
): Promise<void> {
  const ref = conversationCode(conversation.number);
  if (conversation.status !== 'open') throw invalidState(`${ref} is already closed.`);
  await env.repos.relay.close(conversation.number, by.id, env.now);
  const member = await env.repos.members.findById(conversation.memberId);
  if (member && member.status !== 'erased') {
    await notify(env, {
      to: { kind: 'member', memberId: member.id },
      message: {
        text: `Staff closed this conversation (${ref}). Write here any time to start a new one.`,
        verifiedStaff: true,
      },
    });
  }
  await staffThread(env, conversation, `${ref} closed by ${by.displayName}; its transcript is archived (encrypted).`);
  await audit(env, {
    actorId: by.id,
    action: 'relay.close',
    subjectId: conversation.memberId,
    detail: { conversation: ref },
  });
}
