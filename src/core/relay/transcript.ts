// Decrypted views of a conversation for staff: the recent messages (/relay show) and the
// full transcript (/relay transcript). Only the reader sees them, and every view is
// audited: who read which conversation, never what it says.
import type { MemberRecord } from '../ports.js';
import { conversationCode, messageCode } from './codes.js';
import { type AreaEnv, audit, UNREADABLE, unseal } from './env.js';
import { holdLabel } from './inbound.js';
import { People } from './people.js';
import type { ConversationRecord, RelayMessageRecord } from './repo.js';
import { formatUtc } from './spam.js';

export interface TranscriptLine {
  ref: string;
  at: Date;
  /** "Member 7F3A", "Alex → member (signed Staff)", "Note by Alex". */
  who: string;
  status: string | null;
  text: string;
}

export async function transcriptLines(
  env: AreaEnv,
  memberShownAs: string,
  messages: RelayMessageRecord[],
): Promise<TranscriptLine[]> {
  const people = new People(env.repos);
  const lines: TranscriptLine[] = [];
  for (const m of messages) {
    const text = (await unseal(env, m.body, m.keyId)) ?? UNREADABLE;
    let who: string;
    if (m.kind === 'member') who = memberShownAs;
    else if (m.kind === 'note') who = `Internal note by ${await people.staffName(m.authorId)}`;
    else {
      const name = await people.staffName(m.authorId);
      who = `${name} → member${m.signature === 'staff' ? ' (signed "Staff")' : ''}`;
    }
    const status =
      m.status === 'held' || m.status === 'discarded'
        ? `${m.status}: ${holdLabel(m.holdReason)}`
        : m.status === 'released'
          ? 'released by a moderator'
          : null;
    lines.push({ ref: messageCode(m.number), at: m.createdAt, who, status, text });
  }
  return lines;
}

export function formatLines(lines: TranscriptLine[]): string {
  return lines
    .map((l) => `[${formatUtc(l.at)}] ${l.ref} ${l.who}${l.status ? ` (${l.status})` : ''}:\n${l.text}`)
    .join('\n');
}

/** Audits a staff view of a conversation and, when shown, the member's identity. */
export async function auditView(
  env: AreaEnv,
  reader: MemberRecord,
  conversation: ConversationRecord,
  action: 'relay.view' | 'relay.transcript.read',
  details: { messages: number; revealed: boolean },
): Promise<void> {
  const ref = conversationCode(conversation.number);
  await audit(env, {
    actorId: reader.id,
    action,
    subjectId: conversation.memberId,
    detail: { conversation: ref, messages: details.messages },
  });
  if (details.revealed) {
    await audit(env, {
      actorId: reader.id,
      action: 'relay.reveal',
      subjectId: conversation.memberId,
      detail: { conversation: ref },
    });
  }
}
