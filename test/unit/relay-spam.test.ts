// The anti-spam rules on their own: given a member's recent messages, which new message
// is held and why; and how blocklist entries match.
import { describe, expect, it } from 'vitest';
import { codeKind, parseCode } from '../../src/core/relay/codes.js';
import { DigestsByMessage, duplicateDigest } from '../../src/core/relay/duplicates.js';
import { judge, parseBlocklist, type SpamFacts, type SpamPolicy } from '../../src/core/relay/spam.js';

const MINUTE = 60_000;
const now = new Date('2026-11-02T12:00:00Z');
const policy: SpamPolicy = {
  perMinute: 3,
  duplicateWindowMs: 5 * MINUTE,
  blocklist: parseBlocklist(undefined),
  newMemberWindowMs: 10 * MINUTE,
  newMemberLimit: 2,
  burstPerMinute: 5,
};
const ago = (ms: number, text: string) => ({ createdAt: new Date(now.getTime() - ms), digest: duplicateDigest(text) });
const facts = (text: string, extra: Partial<SpamFacts> = {}): SpamFacts => ({
  text,
  now,
  memberSince: new Date(now.getTime() - 30 * 24 * 60 * MINUTE),
  blockedUntil: null,
  sentLastMinute: 0,
  sentSinceJoining: 0,
  relayedRecently: [],
  ...extra,
});

describe('judge', () => {
  it('lets an ordinary message through', () => {
    expect(judge(policy, facts('hello'))).toEqual({ hold: null, matched: undefined, burst: false, lastMinute: 1 });
  });

  it('holds the message past the per-minute limit', () => {
    expect(judge(policy, facts('x', { sentLastMinute: 3 })).hold).toBe('rate_limit');
    expect(judge(policy, facts('x', { sentLastMinute: 2 })).hold).toBeNull();
  });

  it('holds a repeat of a relayed message inside the window, ignoring case and spacing', () => {
    expect(judge(policy, facts('Hello  THERE ', { relayedRecently: [ago(4 * MINUTE, 'hello there')] })).hold).toBe(
      'duplicate',
    );
    expect(judge(policy, facts('hello there', { relayedRecently: [ago(6 * MINUTE, 'hello there')] })).hold).toBeNull();
    expect(judge(policy, facts('hello there', { relayedRecently: [ago(MINUTE, 'hello where')] })).hold).toBeNull();
  });

  it('holds blocklisted text and says which entry matched', () => {
    expect(judge(policy, facts('see https://tinyurl.com/abc'))).toMatchObject({
      hold: 'blocklist',
      matched: 'tinyurl.com',
    });
  });

  it('gives new members an allowance, and established members none of that limit', () => {
    const young = { memberSince: new Date(now.getTime() - 2 * MINUTE) };
    expect(judge(policy, facts('a', { ...young, sentSinceJoining: 1 })).hold).toBeNull();
    expect(judge(policy, facts('a', { ...young, sentSinceJoining: 2 })).hold).toBe('new_member');
    expect(judge(policy, facts('a', { sentSinceJoining: 50 })).hold).toBeNull();
  });

  it('holds everything from a blocked member, first of all', () => {
    expect(judge(policy, facts('hello', { blockedUntil: 'indefinitely' })).hold).toBe('blocked');
  });

  it('flags a burst once the last minute reaches the threshold', () => {
    expect(judge(policy, facts('x', { sentLastMinute: 4 }))).toMatchObject({
      burst: true,
      lastMinute: 5,
      hold: 'rate_limit',
    });
    expect(judge(policy, facts('x', { sentLastMinute: 3 })).burst).toBe(false);
  });
});

describe('DigestsByMessage', () => {
  it('forgets every digest once the store has undone a transaction (SQLite reuses rolled-back numbers)', () => {
    const digests = new DigestsByMessage().sync(0);
    digests.remember(7, duplicateDigest('a message that was rolled back'));
    expect(digests.sync(0).get(7)).toBe(duplicateDigest('a message that was rolled back'));
    expect(digests.sync(1).get(7)).toBeUndefined();
    digests.remember(7, duplicateDigest('the message that now has number 7'));
    expect(digests.sync(1).get(7)).toBe(duplicateDigest('the message that now has number 7'));
  });
});

describe('parseBlocklist', () => {
  it('matches plain entries as whole words or domains, case-insensitively', () => {
    const [bitly] = parseBlocklist('bit.ly');
    expect(bitly!.test('go to BIT.LY/x')).toBe(true);
    expect(bitly!.test('bit.ly.')).toBe(true);
    expect(bitly!.test('orbit.lyrics')).toBe(false);
    expect(bitly!.test('bit.lyx')).toBe(false);
    expect(bitly!.test('notbit.ly')).toBe(false);
  });

  it('accepts /regex/ entries, "none", and rejects a broken regex', () => {
    const [re] = parseBlocklist('/free\\s+money/');
    expect(re!.test('FREE   money')).toBe(true);
    expect(parseBlocklist('none')).toEqual([]);
    expect(() => parseBlocklist('/(/')).toThrow('"/(/" is not a valid regular expression');
  });
});

describe('codes', () => {
  it('reads C-12, c12, #12 and 12, and tells kinds apart', () => {
    expect(['C-12', 'c12', '#12', '12'].map((t) => parseCode('C', t))).toEqual([12, 12, 12, 12]);
    expect(parseCode('C', 'M-12')).toBeNull();
    expect(codeKind('m-5')).toEqual({ prefix: 'M', number: 5 });
    expect(codeKind('@bob')).toBeNull();
  });
});
