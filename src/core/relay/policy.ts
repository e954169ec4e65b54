// Relay settings from configuration, in the shapes the core uses.
import type { Config } from '../../config.js';
import type { SpamPolicy } from './spam.js';

const MINUTE = 60_000;

export function spamPolicy(config: Config): SpamPolicy {
  return {
    perMinute: config.STEWARD_RELAY_RATE_LIMIT,
    duplicateWindowMs: config.STEWARD_RELAY_DUPLICATE_MINUTES * MINUTE,
    blocklist: config.STEWARD_RELAY_BLOCKLIST,
    newMemberWindowMs: config.STEWARD_RELAY_NEW_MEMBER_MINUTES * MINUTE,
    newMemberLimit: config.STEWARD_RELAY_NEW_MEMBER_LIMIT,
    burstPerMinute: config.STEWARD_RELAY_BURST,
  };
}

/** Longest message a member may send in one go; longer ones are refused with a clear answer. */
export const MAX_MESSAGE_LENGTH = 20_000;
