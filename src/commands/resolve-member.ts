import { badArgument, notFound } from '../core/errors.js';
import type { AccountRef, MemberRecord, Repos } from '../core/ports.js';

/** Turns a platform mention (e.g. Slack `<@U123>`) into an account; adapters supply one. */
export type MentionParser = (token: string) => AccountRef | null;

export async function resolveMemberToken(
  repos: Repos,
  token: string,
  parseMention: MentionParser,
): Promise<MemberRecord> {
  const mention = parseMention(token);
  if (mention) {
    const member = await repos.members.findByAccount(mention);
    if (member && member.status !== 'erased') return member;
    throw notFound(
      `${token} has not used Steward yet, so there is no member to act on. Ask them to say hello to the bot first.`,
    );
  }
  const name = token.replace(/^@/, '');
  const byId = await repos.members.findById(name);
  if (byId && byId.status !== 'erased') return byId;
  const matches = await repos.members.findByName(name);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw badArgument(
      `"${name}" matches ${matches.length} members (${matches.map((m) => m.pseudonym).join(', ')}); name one by mention or pseudonym.`,
    );
  }
  throw notFound(
    `No member called "${name}". Name members by @mention, display name or pseudonym (e.g. "Member 7F3A").`,
  );
}
