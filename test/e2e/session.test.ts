// Given support staff running a live session in a channel, tickets opened there while it
// runs belong to it, and its report shows what went wrong and how fast it was handled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';
import { grantRole } from '../support/tickets-fixtures.js';

let bot: TestSteward;
const MIN = 60_000;
beforeEach(async () => {
  bot = await startTestSteward();
  await bot.run('/as admin');
  await grantRole(bot, 'bob', 'support');
  await grantRole(bot, 'fay', 'support');
});
afterEach(async () => {
  await bot.close();
});

describe('live sessions', () => {
  it('starts in a channel with a facilitator, announced there and to support', async () => {
    const out = await bot.run('/as bob\n/in #keynote\n/session start Opening keynote facilitator:@fay');
    expect(out).toContain(
      '[#keynote] Session S-1 "Opening keynote" has started in #keynote, facilitated by fay. Having a problem? Report it here with /ticket open <what went wrong>.',
    );
    expect(out).toContain('[#support] Live session S-1 "Opening keynote" started in #keynote (facilitator fay).');
  });

  it('allows one running session per channel', async () => {
    await bot.run('/as bob\n/in #keynote\n/session start Opening keynote');
    const out = await bot.run('/session start Another one');
    expect(out).toContain(
      '#keynote already has a running session, S-1 "Opening keynote". End it first with /session end.',
    );
    const elsewhere = await bot.run('/in #workshop\n/session start Workshop A');
    expect(elsewhere).toContain('Session S-2 "Workshop A" has started in #workshop');
  });

  it('members cannot start sessions', async () => {
    const out = await bot.run('/as alice\n/session start My own show');
    expect(out).toContain("You don't have permission to run /session start: it needs `session.run`");
  });

  it('tickets opened in its channel while it runs belong to it; others do not', async () => {
    await bot.run('/as bob\n/in #keynote\n/session start Opening keynote');
    const inside = await bot.run('/as alice\n/in #keynote\n/ticket open No sound on the stream');
    expect(inside).toContain('Part of session S-1 "Opening keynote".');
    const outside = await bot.run('/in #general\n/ticket open Calendar link broken');
    expect(outside).not.toContain('Part of session');
    const named = await bot.run('/ticket open Late report of a freeze session:S-1');
    expect(named).toContain('Part of session S-1');
    await bot.run('/as bob\n/in #keynote\n/session end');
    const after = await bot.run('/as alice\n/in #keynote\n/ticket open Replay does not start');
    expect(after).not.toContain('Part of session');
    const list = await bot.run('/as bob\n/ticket list session:S-1 status:all');
    expect(list).toContain('2 tickets:');
    expect(list).toContain('No sound on the stream');
    expect(list).toContain('Late report of a freeze');
    expect(list).not.toContain('Replay');
  });

  it('reports tickets by category and status, response and resolution times, unresolved, ratings, interruptions', async () => {
    await bot.run('/as bob\n/in #keynote\n/session start Opening keynote facilitator:@fay');
    await bot.run('/as alice\n/in #keynote\n/ticket open No sound category:audio-video priority:urgent');
    await bot.run('/as erin\n/ticket open Slides are blurry category:display');
    await bot.run('/as gus\n/ticket open Chat does not load category:display');
    bot.clock.advance(2 * MIN);
    await bot.run('/as bob\n/ticket claim T-1');
    bot.clock.advance(4 * MIN);
    await bot.run('/ticket claim T-2');
    bot.clock.advance(4 * MIN);
    await bot.run('/ticket resolve T-1 Unmuted the mixer'); // 10m after opening
    bot.clock.advance(10 * MIN);
    await bot.run('/ticket resolve T-2 Switched to HD'); // 20m after opening
    await bot.run('/as alice\n/ticket rate T-1 5\n/as erin\n/ticket rate T-2 3');
    bot.clock.advance(10 * MIN);
    const end = await bot.run('/as bob\n/in #keynote\n/session end');
    expect(end).toContain(
      '[#keynote] Session S-1 "Opening keynote" has ended after 30m, with 3 tickets. Thank you, everyone.',
    );
    expect(end).toContain('[#reports] Session report: S-1 "Opening keynote"');
    const report = await bot.run('/session report S-1');
    expect(report).toContain('Session report: S-1 "Opening keynote"');
    expect(report).toContain('Facilitator: fay');
    expect(report).toContain('Ended: 2026-11-02 09:30 UTC (after 30m)');
    expect(report).toContain('Tickets: 3');
    expect(report).toContain('Time to first response: mean 4m, median 4m (2 tickets)');
    expect(report).toContain('Time to resolution: mean 15m, median 15m (2 tickets)');
    expect(report).toContain('Unresolved at end: 1 (T-3)');
    expect(report).toContain('Ratings: 4.0 from 2 ratings (5★ 1, 4★ 0, 3★ 1, 2★ 0, 1★ 0)');
    expect(report).toContain('Ran without technical interruption: no: 1 urgent or high-priority ticket (T-1)');
    expect(report).toMatch(/audio-video\s+0\s+1\s+1/);
    expect(report).toMatch(/display\s+1\s+1\s+2/);
  });

  it('a session with only low and normal tickets ran without interruption; report defaults to this channel', async () => {
    await bot.run('/as bob\n/in #workshop\n/session start Workshop A');
    await bot.run('/as alice\n/in #workshop\n/ticket open Handout link is 404 category:broken-link priority:low');
    const out = await bot.run('/as bob\n/session report');
    expect(out).toContain('Session report: S-1 "Workshop A" (still running)');
    expect(out).toContain('Unresolved now: 1 (T-1)');
    expect(out).toContain('Ran without technical interruption: yes (no urgent or high-priority ticket)');
  });

  it('finds sessions by name and lists them', async () => {
    await bot.run('/as bob\n/in #keynote\n/session start Opening keynote');
    bot.clock.advance(45 * MIN);
    await bot.run('/session end');
    const byName = await bot.run('/in #general\n/session report "opening keynote"');
    expect(byName).toContain('Session report: S-1 "Opening keynote"');
    const list = await bot.run('/session list');
    expect(list).toMatch(/S-1\s+Opening keynote\s+#keynote\s+bob\s+2026-11-02 09:00 UTC\s+45m/);
  });

  it('ending when nothing runs, or twice, is refused clearly', async () => {
    const none = await bot.run('/as bob\n/in #keynote\n/session end');
    expect(none).toContain('No session is running in #keynote.');
    await bot.run('/session start Opening keynote\n/session end');
    const twice = await bot.run('/session end S-1');
    expect(twice).toContain('S-1 "Opening keynote" already ended at 2026-11-02 09:00 UTC.');
    const unknown = await bot.run('/session report Nonexistent');
    expect(unknown).toContain('No session called "Nonexistent".');
  });
});
