// Anti-spam decisions for messages members send to staff. Pure: the facts come in (how
// much the member sent lately, digests of what staff recently received from them; their
// join time; an active block), a verdict comes out. Held messages are kept, never dropped: the caller stores them with
// the reason and tells the member.
import { duplicateDigest } from './duplicates.js';
import type { HoldReason } from './repo.js';

export interface SpamPolicy {
  /** Messages per rolling minute before further ones are held. */
  perMinute: number;
  /** The same text again within this window is held as a duplicate. */
  duplicateWindowMs: number;
  blocklist: readonly BlocklistPattern[];
  /** A member this new (since first contact) ... */
  newMemberWindowMs: number;
  /** ... may send this many messages before the rest wait for a moderator. */
  newMemberLimit: number;
  /** Messages in one rolling minute that count as a burst and open a security incident. */
  burstPerMinute: number;
}

export interface BlocklistPattern {
  /** As configured, for messages to moderators. */
  source: string;
  test(text: string): boolean;
}

export const DEFAULT_BLOCKLIST = [
  'bit.ly',
  'tinyurl.com',
  't.co',
  'goo.gl',
  'is.gd',
  'ow.ly',
  'buff.ly',
  'cutt.ly',
  'rebrand.ly',
  'shorturl.at',
  'rb.gy',
  'tiny.cc',
] as const;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `STEWARD_RELAY_BLOCKLIST`: comma-separated entries. A plain entry matches as a whole
 * word or domain, case-insensitively (`bit.ly` matches "bit.ly/x", not "orbit.lyrics");
 * `/regex/` is a case-insensitive regular expression (without commas). Unset means the
 * link-shortener defaults; `none` means no blocklist.
 */
export function parseBlocklist(raw: string | undefined): BlocklistPattern[] {
  if (raw === undefined) return DEFAULT_BLOCKLIST.map(wordPattern);
  if (raw.trim().toLowerCase() === 'none') return [];
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const regex = /^\/(.+)\/$/.exec(entry);
    if (!regex) return wordPattern(entry);
    let re: RegExp;
    try {
      re = new RegExp(regex[1]!, 'i');
    } catch (error) {
      throw new Error(`"${entry}" is not a valid regular expression: ${(error as Error).message}`);
    }
    return { source: entry, test: (text: string) => re.test(text) };
  });
}

function wordPattern(entry: string): BlocklistPattern {
  const re = new RegExp(`(?<![\\w.-])${escapeRegExp(entry)}(?![\\w-]|\\.\\w)`, 'i');
  return { source: entry, test: (text: string) => re.test(text) };
}

/** Case, spacing and surrounding whitespace do not make a message new. */
/** A message of the member's that staff received (relayed or released). */
export interface RelayedMessage {
  createdAt: Date;
  /** duplicateDigest() of its text. */
  digest: string;
}

export interface SpamFacts {
  text: string;
  now: Date;
  memberSince: Date;
  blockedUntil: Date | null | 'indefinitely';
  /** The member's messages (any status) in the minute before this one. */
  sentLastMinute: number;
  /** The member's messages (any status) since joining; only read while they are new. */
  sentSinceJoining: number;
  /** What staff received from the member inside the duplicate window. A resend of a held message is not a duplicate. */
  relayedRecently: readonly RelayedMessage[];
}

export interface SpamVerdict {
  hold: HoldReason | null;
  /** The blocklist entry that matched, when held for that. */
  matched?: string;
  /** The last minute, this message included, reaches the burst threshold. */
  burst: boolean;
  /** Messages in the last minute, this one included. */
  lastMinute: number;
}

const MINUTE = 60_000;

export function judge(policy: SpamPolicy, facts: SpamFacts): SpamVerdict {
  const t = facts.now.getTime();
  const lastMinute = facts.sentLastMinute + 1;
  const burst = lastMinute >= policy.burstPerMinute;
  const verdict = (hold: HoldReason | null, matched?: string): SpamVerdict => ({ hold, matched, burst, lastMinute });

  if (facts.blockedUntil) return verdict('blocked');
  if (lastMinute > policy.perMinute) return verdict('rate_limit');
  const digest = duplicateDigest(facts.text);
  const duplicate = facts.relayedRecently.some(
    (m) => t - m.createdAt.getTime() < policy.duplicateWindowMs && m.digest === digest,
  );
  if (duplicate) return verdict('duplicate');
  const listed = policy.blocklist.find((p) => p.test(facts.text));
  if (listed) return verdict('blocklist', listed.source);
  if (isNewMember(policy, facts.memberSince, facts.now) && facts.sentSinceJoining >= policy.newMemberLimit) {
    return verdict('new_member');
  }
  return verdict(null);
}

export const isNewMember = (policy: SpamPolicy, memberSince: Date, now: Date) =>
  now.getTime() - memberSince.getTime() < policy.newMemberWindowMs;

/** What the member is told when a message is held (never the matched pattern). */
export function holdExplanation(reason: HoldReason, policy: SpamPolicy, blockedUntil: Date | null): string {
  const kept = 'Your message was kept, not lost: a moderator will review it.';
  switch (reason) {
    case 'blocked':
      return `Your messages to staff are paused${blockedUntil ? ` until ${formatUtc(blockedUntil)}` : ''}. ${kept}`;
    case 'rate_limit':
      return `You're sending messages quickly (more than ${policy.perMinute} a minute), so this one was held. ${kept} Please wait a minute before writing again.`;
    case 'duplicate':
      return 'You sent the same message a moment ago, so this copy was kept but not sent again.';
    case 'blocklist':
      return `Your message contains a link or phrase that isn't allowed here (for example link shorteners), so it was held. ${kept} Please send the full link instead.`;
    case 'new_member':
      return `As a new member you can send ${policy.newMemberLimit} messages in your first ${Math.round(policy.newMemberWindowMs / MINUTE)} minutes; this one was held. ${kept}`;
  }
}

export const formatUtc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
