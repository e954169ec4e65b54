// Who a Slack user is, for the core's Invoker: display name and the facts the platform
// reports (primary owner). users.info is cached briefly so a burst of commands costs one
// call; if Slack cannot answer, the person is still served under a fallback name and no
// facts (the adapter never grants anything itself).
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Invoker } from '../../src/commands/dispatch.js';
import { hashId } from '../../src/logger.js';
import { slackMentionParser } from './mentions.js';

export interface SlackProfile {
  displayName: string;
  isPrimaryOwner: boolean;
  isBot: boolean;
}

interface SlackUser {
  name?: string;
  real_name?: string;
  is_bot?: boolean;
  is_primary_owner?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

export function profileOf(user: SlackUser, fallbackName: string): SlackProfile {
  const displayName =
    user.profile?.display_name?.trim() ||
    user.profile?.real_name?.trim() ||
    user.real_name?.trim() ||
    user.name?.trim() ||
    fallbackName;
  return { displayName, isPrimaryOwner: user.is_primary_owner === true, isBot: user.is_bot === true };
}

export class SlackDirectory {
  private readonly cache = new Map<string, { profile: SlackProfile; until: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** Remembers a profile Slack pushed to us (team_join, user_change). */
  remember(userId: string, profile: SlackProfile): void {
    this.cache.set(userId, { profile, until: Date.now() + this.ttlMs });
  }

  async profile(userId: string, fallbackName?: string): Promise<SlackProfile> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.profile;
    try {
      const result = await this.client.users.info({ user: userId });
      const profile = profileOf((result.user ?? {}) as SlackUser, fallbackName ?? userId);
      this.remember(userId, profile);
      return profile;
    } catch (error) {
      this.logger.warn(
        { user: hashId(userId), reason: (error as Error).message },
        'users.info failed; serving the user under a fallback name (is the users:read scope granted?)',
      );
      return { displayName: fallbackName ?? userId, isPrimaryOwner: false, isBot: false };
    }
  }

  /** The core's view of a Slack user: account, display name, mention parser, platform facts. */
  async invoker(workspaceId: string, userId: string, fallbackName?: string): Promise<Invoker> {
    const profile = await this.profile(userId, fallbackName);
    return {
      account: { platform: 'slack', workspaceId, userId },
      displayName: profile.displayName,
      parseMention: slackMentionParser(workspaceId),
      ...(profile.isPrimaryOwner ? { facts: { isWorkspaceOwner: true } } : {}),
    };
  }
}
