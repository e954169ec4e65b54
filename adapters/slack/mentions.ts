// Slack mentions and text escaping. With `should_escape: true` (see the manifest), Slack
// sends users in command text as `<@U123|name>` (or `<@U123>`), channels as
// `<#C123|name>`, links as `<https://…|label>`, and escapes &, < and > as entities.
import type { AccountRef } from '../../src/core/ports.js';

const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** A mention parser for one workspace: `<@U123|name>` → that Slack account; anything else → null. */
export function slackMentionParser(workspaceId: string): (token: string) => AccountRef | null {
  return (token) => {
    const match = USER_MENTION.exec(token.trim());
    return match ? { platform: 'slack', workspaceId, userId: match[1]! } : null;
  };
}

const decodeEntities = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Command text as the core's parser expects it: entities decoded, links unwrapped, and
 * user mentions kept as `<@U123>` tokens so `slackMentionParser` can resolve them.
 */
export function commandTextFromSlack(text: string): string {
  return text
    .split(/(<[^<>]*>)/)
    .map((part) => {
      if (!part.startsWith('<') || !part.endsWith('>')) return decodeEntities(part);
      const inner = part.slice(1, -1);
      if (inner.startsWith('@')) return `<${inner.split('|')[0]}>`;
      if (inner.startsWith('#')) return inner.split('|')[1] ? `#${inner.split('|')[1]}` : inner;
      if (inner.startsWith('!')) return `@${(inner.split('|')[1] ?? inner.slice(1)).replace(/^@/, '')}`;
      return decodeEntities(inner.split('|')[0]!);
    })
    .join('');
}

/**
 * Message text (a DM, a staff reply) as plain text for people on other platforms:
 * entities decoded, `<url|label>` → `label (url)`, `<@U123|name>` → `@name`.
 */
export function plainTextFromSlack(text: string): string {
  return text
    .split(/(<[^<>]*>)/)
    .map((part) => {
      if (!part.startsWith('<') || !part.endsWith('>')) return decodeEntities(part);
      const [target = '', label] = part.slice(1, -1).split('|', 2);
      if (target.startsWith('@')) return label ? `@${label}` : target;
      if (target.startsWith('#')) return label ? `#${label}` : target;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^@/, '')}`;
      const url = decodeEntities(target);
      return label && label !== url ? `${decodeEntities(label)} (${url})` : url;
    })
    .join('');
}

/** Neutral text into Slack mrkdwn: only &, < and > need escaping; *bold*, _italic_ and `code` pass through. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
