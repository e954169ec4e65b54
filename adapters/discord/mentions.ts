// Discord user mentions (`<@123>`, legacy `<@!123>`) to accounts. USER options arrive as
// bare ids; the adapter turns them into the same mention text first.
import type { MentionParser } from '../../src/commands/resolve-member.js';

const USER_MENTION = /^<@!?(\d{15,22})>$/;

export const mentionOf = (userId: string) => `<@${userId}>`;

/** Accounts in Discord are keyed by guild: a mention means that user in the guild where it was typed. */
export function discordMentionParser(workspaceId: string): MentionParser {
  return (token) => {
    const match = USER_MENTION.exec(token.trim());
    return match ? { platform: 'discord', workspaceId, userId: match[1]! } : null;
  };
}
