// Anti-spam and moderation through the console: held messages are kept (never dropped)
// and the member is told; moderators work a queue of held messages and reports; a burst
// or an impersonation report opens a security incident.
import { afterEach, describe, expect, it } from 'vitest';
import { auditEntries } from '../support/access.js';
import { dm, linesTo, MINUTE, memberNamed, prismaOf, reposOf, staffTeam } from '../support/relay-fixtures.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => {
  await bot?.close();
});

async function start(env: Record<string, string> = {}) {
  bot = await startTestSteward({ env });
  await staffTeam(bot);
}

/** carol says hello, then time passes so she is no longer a brand-new member. */
async function establishedMember(name = 'carol') {
  await dm(bot, name, 'hello');
  bot.clock.advance(11 * MINUTE);
}

const heldCount = async () => prismaOf(bot).relayMessage.count({ where: { status: 'held' } });

describe('anti-spam', () => {
  it('holds messages beyond the per-minute limit, keeps them, tells the member, and lets them flow a minute later', async () => {
    await start();
    await establishedMember();
    for (let i = 1; i <= 10; i++) expect((await dm(bot, 'carol', `point ${i}`)).replies).toEqual([]);
    const held = await dm(bot, 'carol', 'point 11');
    expect(held.replies[0]!.text).toContain('more than 10 a minute');
    expect(held.replies[0]!.text).toContain('kept, not lost');
    expect(await heldCount()).toBe(1);
    const staffOut = bot.transcript();
    expect(staffOut).not.toContain('point 11');
    expect(linesTo(staffOut, '#moderation').join('\n')).toContain('Q-1: messages from');
    bot.clock.advance(MINUTE);
    expect((await dm(bot, 'carol', 'point 12')).replies).toEqual([]);
    expect(bot.transcript()).toContain('point 12');
  });

  it('honours a configured rate limit', async () => {
    await start({ STEWARD_RELAY_RATE_LIMIT: '3' });
    await establishedMember();
    for (let i = 1; i <= 3; i++) await dm(bot, 'carol', `point ${i}`);
    expect((await dm(bot, 'carol', 'point 4')).replies[0]!.text).toContain('more than 3 a minute');
  });

  it('suppresses the same message within five minutes, ignoring case and spacing, without bothering moderators', async () => {
    await start();
    await establishedMember();
    await dm(bot, 'carol', 'Is the server down?');
    bot.clock.advance(2 * MINUTE);
    const again = await dm(bot, 'carol', '  is the   SERVER down?');
    expect(again.replies[0]!.text).toContain('You sent the same message a moment ago');
    expect(await heldCount()).toBe(1);
    expect(await reposOf(bot).relay.openModerationItems(10)).toEqual([]);
    bot.clock.advance(4 * MINUTE);
    expect((await dm(bot, 'carol', 'Is the server down?')).replies).toEqual([]);
  });

  it('holds link shorteners by default, without catching look-alike words', async () => {
    await start();
    await establishedMember();
    const held = await dm(bot, 'carol', 'Check this out: https://bit.ly/3xYz');
    expect(held.replies[0]!.text).toContain("contains a link or phrase that isn't allowed here");
    expect(held.replies[0]!.text).not.toContain('bit.ly');
    expect((await dm(bot, 'carol', 'short: t.co/abc.')).replies[0]!.text).toContain('held');
    expect(linesTo(bot.transcript(), '#moderation').join('\n')).toContain('(blocklist: bit.ly)');
    expect((await dm(bot, 'carol', 'I love orbit.lyrics and https://example.com/t.co.html')).replies).toEqual([]);
  });

  it('uses a configured blocklist of words and /regex/ patterns', async () => {
    await start({ STEWARD_RELAY_BLOCKLIST: 'casino,/free\\s+crypto/' });
    await establishedMember();
    expect((await dm(bot, 'carol', 'Get FREE    crypto now')).replies[0]!.text).toContain('held');
    expect((await dm(bot, 'carol', 'best Casino in town')).replies[0]!.text).toContain('held');
    expect((await dm(bot, 'carol', 'bit.ly is fine here')).replies).toEqual([]);
  });

  it('gives brand-new members a small allowance until the cooldown passes', async () => {
    await start();
    for (let i = 1; i <= 5; i++) await dm(bot, 'newbie', `intro ${i}`);
    const sixth = await dm(bot, 'newbie', 'intro 6');
    expect(sixth.replies[0]!.text).toContain('As a new member you can send 5 messages in your first 10 minutes');
    bot.clock.advance(10 * MINUTE);
    expect((await dm(bot, 'newbie', 'intro 7')).replies).toEqual([]);
  });

  it('opens one security incident for a burst, however long it lasts', async () => {
    await start({ STEWARD_RELAY_BURST: '12' });
    await establishedMember();
    for (let i = 1; i <= 20; i++) await dm(bot, 'carol', `spam ${i}`);
    const carol = await memberNamed(bot, 'carol');
    const incidents = await reposOf(bot).incidents.list({ limit: 10 });
    expect(incidents.map((i) => [i.source, i.severity, i.subjectId, i.status])).toEqual([
      ['spam', 'medium', carol.id, 'open'],
    ]);
    expect(linesTo(bot.transcript(), '#moderation').join('\n')).toMatch(
      /Security incident I-1 opened \(medium, spam burst\): Member \w+ sent 12 messages to staff within one minute/,
    );
    expect(await heldCount()).toBe(10);
  });

  it('rejects a malformed blocklist at start-up, naming the variable', async () => {
    await expect(startTestSteward({ env: { STEWARD_RELAY_BLOCKLIST: '/([unclosed/' } })).rejects.toThrow(
      /STEWARD_RELAY_BLOCKLIST: "\/\(\[unclosed\/" is not a valid regular expression/,
    );
  });
});

describe('moderation queue', () => {
  it('releases held messages to the staff inbox, and tells the member', async () => {
    await start({ STEWARD_RELAY_RATE_LIMIT: '1' });
    await establishedMember();
    await dm(bot, 'carol', 'one');
    await dm(bot, 'carol', 'two (held)');
    await dm(bot, 'carol', 'three (held)');
    const queue = await bot.run('/as mo\n/relay queue');
    expect(queue).toMatch(/Q-1 · held messages from Member \w+ in C-1 · 2 waiting \(rate limit\)/);
    const out = await bot.run('/relay resolve Q-1 release');
    expect(out).toContain('Q-1 resolved: 2 held message(s) were passed on to the staff inbox.');
    const post = linesTo(out, '#staff thread C-1')[0]!;
    expect(post).toContain('2 held message(s) from');
    expect(post).toContain('two (held)');
    expect(post).toContain('three (held)');
    expect(linesTo(out, 'to carol')[0]).toContain('passed them on to the staff team');
    expect(await heldCount()).toBe(0);
    expect((await reposOf(bot).relay.conversation(1))?.heldCount).toBe(0);
    expect((await auditEntries(bot, { action: 'relay.queue.view' })).length).toBe(1);
  });

  it('discards held messages: kept in the archive, never relayed', async () => {
    await start({ STEWARD_RELAY_RATE_LIMIT: '1' });
    await establishedMember();
    await dm(bot, 'carol', 'one');
    await dm(bot, 'carol', 'junk junk');
    const out = await bot.run('/as mo\n/relay resolve Q-1 discard flood\n/relay transcript C-1');
    expect(out).not.toContain('[#staff');
    expect(out).toMatch(/M-3 Member \w+ \(discarded: rate limit\):\n\s+junk junk/);
  });

  it('explains which outcomes fit an item, and refuses resolving twice', async () => {
    await start({ STEWARD_RELAY_RATE_LIMIT: '1' });
    await establishedMember();
    await dm(bot, 'carol', 'one');
    await dm(bot, 'carol', 'two');
    const out = await bot.run(
      '/as mo\n/relay resolve Q-1 dismiss\n/relay resolve Q-1 bogus\n/relay resolve Q-1 release\n/relay resolve Q-1 release\n/relay resolve Q-9 release',
    );
    expect(out).toContain('Q-1 is a set of held messages: resolve it with release or discard.');
    expect(out).toContain('`outcome` must be one of: release, discard, action, dismiss');
    expect(out).toContain('Q-1 is already resolved.');
    expect(out).toContain('There is no moderation item Q-9.');
  });

  it('is for moderators only', async () => {
    await start();
    const out = await bot.run('/as sam\n/relay queue\n/relay block @carol spam');
    expect(out).toContain('needs `relay.moderate`');
  });
});

describe('blocks', () => {
  it('holds a blocked member’s messages until unblocked, telling them each time', async () => {
    await start();
    await establishedMember();
    const out = await bot.run('/as mo\n/relay block @carol duration:7d abusive language');
    expect(out).toMatch(/Member \w+ is blocked from messaging staff until 2026-11-09 09:11 UTC/);
    expect(linesTo(out, 'to carol')[0]).toContain('[verified staff] A moderator has paused your messages');
    const held = await dm(bot, 'carol', 'let me explain');
    expect(held.replies[0]!.text).toContain('Your messages to staff are paused until 2026-11-09 09:11 UTC');
    expect(bot.transcript()).not.toMatch(/#staff[^\n]*\n\s+let me explain/);
    const again = await bot.run('/relay block @carol again');
    expect(again).toContain('is already blocked until');
    const lifted = await bot.run('/relay unblock @carol\n/relay unblock @carol');
    expect(linesTo(lifted, 'to carol')[0]).toContain('You can message the staff team again.');
    expect(lifted).toMatch(/Member \w+ is not blocked\./);
    expect((await dm(bot, 'carol', 'thanks')).replies).toEqual([]);
  });

  it('ends by itself when its duration passes', async () => {
    await start();
    await establishedMember();
    await bot.run('/as mo\n/relay block @carol duration:1d cool off');
    expect((await dm(bot, 'carol', 'hm')).replies[0]!.text).toContain('paused');
    bot.clock.advance(25 * 60 * MINUTE);
    expect((await dm(bot, 'carol', 'back')).replies).toEqual([]);
  });

  it('names a bad duration and blocks nobody', async () => {
    await start();
    await establishedMember();
    const out = await bot.run(
      '/as mo\n/relay block @carol duration:soon spam\n/relay block @carol duration:2020-01-01 spam',
    );
    expect(out).toContain('`duration` "soon" is not a duration');
    expect(out).toContain('which has already passed');
    expect(await prismaOf(bot).relayBlock.count()).toBe(0);
  });
});

describe('reports', () => {
  it('lets a member report a staff message to moderators, who resolve it and the reporter hears back', async () => {
    await start();
    await dm(bot, 'carol', 'help');
    await bot.run('/as sam\n/relay reply C-1 go away');
    const out = await bot.run('/as carol\n/relay report M-2 That reply was rude');
    expect(out).toContain('Your report Q-1 went to the moderators.');
    expect(linesTo(out, '#moderation')[0]).toMatch(
      /Q-1: abuse report by Member \w+ about staff member sam message M-2 in C-1\.\n\s+That reply was rude/,
    );
    const queue = await bot.run('/as mo\n/relay queue');
    expect(queue).toContain('abuse report by');
    expect(queue).toContain('That reply was rude');
    const resolved = await bot.run('/relay resolve Q-1 action spoke to sam');
    expect(linesTo(resolved, 'to carol')[0]).toContain('moderators reviewed your report Q-1 and took action');
  });

  it('does not let a member report, or learn about, messages outside their conversations', async () => {
    await start();
    await dm(bot, 'carol', 'help');
    await dm(bot, 'dave', 'hi');
    const out = await bot.run(
      '/as dave\n/relay report M-1 whatever\n/relay report C-1 whatever\n/relay report @dave myself',
    );
    expect(out).toContain('There is no message M-1 in your conversations.');
    expect(out).toContain('There is no conversation C-1 of yours.');
    expect(out).toContain('You cannot report yourself.');
    expect(await reposOf(bot).relay.openModerationItems(10)).toEqual([]);
  });

  it('lets staff report abuse in a conversation', async () => {
    await start();
    await dm(bot, 'carol', 'you are all useless idiots');
    const out = await bot.run('/as sam\n/relay report C-1 type:abuse insults staff');
    expect(linesTo(out, '#moderation')[0]).toMatch(/abuse report by Member \w+ about Member \w+ in C-1/);
    const [item] = await reposOf(bot).relay.openModerationItems(10);
    expect(item?.subjectMemberId).toBe((await memberNamed(bot, 'carol')).id);
  });

  it('opens a high-severity incident for a staff impersonation report, once per impersonator', async () => {
    await start();
    await dm(bot, 'carol', 'hello');
    const out = await bot.run(
      '/as carol\n/relay report @eve type:impersonation says she is an admin and wants my password',
    );
    expect(out).toContain('Real staff only ever message you through Steward');
    expect(linesTo(out, '#moderation').join('\n')).toMatch(
      /Security incident I-1 opened \(high, impersonation report\): Staff impersonation reported by Member \w+ about @eve \(not known to Steward\)/,
    );
    await bot.run('/as dave\n/relay report @eve type:impersonation same thing');
    const incidents = await reposOf(bot).incidents.list({ limit: 10 });
    expect(incidents).toHaveLength(1);
    expect(await reposOf(bot).relay.openModerationItems(10)).toHaveLength(2);
  });
});
