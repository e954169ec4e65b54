import { describe, expect, it } from 'vitest';
import { arg, argsSchema, parseDurationOrDate, splitArgText, tokenize, usageOf } from '../../src/commands/args.js';

const assignArgs = {
  member: arg.member('Who'),
  role: arg.role('Which role'),
  org: arg.org('Organisation', { optional: true }),
  expires: arg.duration('Until', { optional: true }),
  reason: arg.text('Why', { optional: true }),
};

describe('command text parsing', () => {
  it('splits quoted words', () => {
    expect(tokenize(`assign @bob support reason:"covering for Sam" 'x y'`)).toEqual([
      'assign',
      '@bob',
      'support',
      'reason:covering for Sam',
      'x y',
    ]);
  });

  it('reads positional arguments in order and named options anywhere', () => {
    expect(splitArgText(assignArgs, 'org:acme @bob support expires:30d reason:"on call"')).toEqual({
      member: '@bob',
      role: 'support',
      org: 'acme',
      expires: '30d',
      reason: 'on call',
    });
  });

  it('lets a trailing text argument take the rest of the line, including colons', () => {
    const args = {
      summary: arg.text('What happened'),
      priority: arg.choice('How bad', ['low', 'high'], { optional: true }),
    };
    expect(splitArgText(args, 'Error: the projector at https://x.io is down priority:high')).toEqual({
      summary: 'Error: the projector at https://x.io is down',
      priority: 'high',
    });
  });

  it('accepts positional arguments by name too, as buttons print them', () => {
    expect(splitArgText(assignArgs, 'role:support @bob')).toEqual({ member: '@bob', role: 'support' });
  });

  it('keeps free text exactly as typed: apostrophes, quotes, spacing, line breaks, colons', () => {
    const args = {
      conversation: arg.string('Which'),
      sign: arg.choice('How to sign', ['name', 'staff'], { optional: true }),
      text: arg.text('What'),
    };
    const typed = `It's done, isn't it? He said "fine"  twice.\nSee sign:here for details.`;
    expect(splitArgText(args, `C-1 ${typed}`)).toEqual({ conversation: 'C-1', text: typed });
    expect(splitArgText(args, `sign:staff C-1 ${typed}`)).toEqual({ conversation: 'C-1', sign: 'staff', text: typed });
    expect(splitArgText(args, `C-1 thanks sign:staff`)).toEqual({ conversation: 'C-1', sign: 'staff', text: 'thanks' });
  });

  it('refuses extra words and repeated options', () => {
    expect(() => splitArgText(assignArgs, '@bob support extra')).toThrow(/unexpected extra words: "extra"/);
    expect(() => splitArgText(assignArgs, '@bob support org:a org:b')).toThrow(/given twice/);
  });

  it('validates with the zod schema and names the bad argument', () => {
    const result = argsSchema(assignArgs).safeParse({ member: '@bob', role: 'Support!', expires: 'soon' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['role', 'expires']));
  });

  it('understands durations and dates', () => {
    expect(parseDurationOrDate('30d')).toEqual({ kind: 'duration', ms: 30 * 86_400_000 });
    expect(parseDurationOrDate('2026-12-31')).toEqual({ kind: 'date', date: new Date('2026-12-31T23:59:59Z') });
    expect(parseDurationOrDate('0d')).toBeNull();
    expect(parseDurationOrDate('2026-13-45')).toBeNull();
    expect(parseDurationOrDate('tomorrow')).toBeNull();
  });

  it('renders usage from the declarations', () => {
    expect(usageOf(assignArgs)).toBe('<member> <role> [org:<org>] [expires:<duration|date>] [reason:<reason>]');
  });
});
