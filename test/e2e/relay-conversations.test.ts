// Given staff (sam: support, mo: moderator, admin: super admin) and members who DM the
// bot through the console adapter: conversations reach the staff inbox under a
// pseudonym, staff replies reach the member marked as verified staff, notes stay
// internal, and every staff read is audited without any message text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntries } from '../support/access.js';
import { dm, linesTo, memberNamed, prismaOf, reposOf, staffTeam } from '../support/relay-fixtures.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
beforeEach(async () => {
  bot = await startTestSteward();
  await staffTeam(bot);
});
afterEach(async () => {
  await bot.close();
});

describe('relay: a member writes to staff', () => {
  it('opens a conversation in the staff inbox under the pseudonym, and continues it', async () => {
    const out = await bot.run('/as carol\nMy invoice shows the wrong address\nAlso my VAT number is missing');
    const carol = await memberNamed(bot, 'carol');
    const posts = linesTo(out, '#staff thread C-1');
    expect(posts).toHaveLength(2);
    expect(posts[0]).toContain(`New conversation C-1 from ${carol.pseudonym}`);
    expect(posts[0]).toContain('My invoice shows the wrong address');
    expect(posts[1]).toContain('Also my VAT number is missing');
    expect(posts.join('\n')).not.toMatch(/carol/i);
    expect(linesTo(out, 'to carol')[0]).toContain('reached the staff team (conversation C-1)');
    const conversations = await reposOf(bot).relay.conversations({ limit: 10 });
    expect(conversations.map((c) => [c.number, c.messageCount, c.status])).toEqual([[1, 2, 'open']]);
  });

  it('gives each member their own conversation and a new one after the old is closed', async () => {
    await dm(bot, 'carol', 'Question one');
    await dm(bot, 'dave', 'Question from dave');
    await bot.run('/as sam\n/relay close C-1');
    const out = await bot.run('/as carol\nA new question');
    expect(linesTo(out, '#staff thread C-3')[0]).toContain('New conversation C-3');
  });

  it('relays a long message in full', async () => {
    const long = `${Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ')} THE-END`;
    expect(long.length).toBeGreaterThan(4000);
    const out = await bot.run(`/as carol\n${long}`);
    expect(linesTo(out, '#staff thread C-1')[0]).toContain(long);
  });

  it('refuses an over-long message with the limit, and stores nothing', async () => {
    const outcome = await dm(bot, 'carol', 'x'.repeat(20_001));
    expect(outcome.ok).toBe(false);
    expect(outcome.replies[0]!.text).toContain('the limit is 20,000');
    expect(await prismaOf(bot).relayMessage.count()).toBe(0);
    expect(await reposOf(bot).outbox.pendingCount()).toBe(0);
  });
});

describe('relay: staff reply', () => {
  it('reaches the member marked as verified staff, signed with the staff name by default', async () => {
    await dm(bot, 'carol', 'Help please');
    const out = await bot.run('/as sam\n/relay reply C-1 Of course, what do you need?');
    expect(out).toContain('[ephemeral to sam] Sent to');
    expect(linesTo(out, 'to carol')).toEqual([
      expect.stringContaining('[verified staff] sam: Of course, what do you need?'),
    ]);
    expect(linesTo(out, '#staff thread C-1')[0]).toContain('sam replied');
    const c = await reposOf(bot).relay.conversation(1);
    expect(c?.assigneeId).toBe((await memberNamed(bot, 'sam')).id);
  });

  it('signs only "Staff" when asked per reply, or by configuration', async () => {
    await dm(bot, 'carol', 'Help please');
    const perReply = await bot.run('/as sam\n/relay reply C-1 sign:staff We are on it');
    expect(linesTo(perReply, 'to carol')[0]).toContain('[verified staff] Staff: We are on it');
    expect(linesTo(perReply, 'to carol')[0]).not.toContain('sam');

    const configured = await startTestSteward({ env: { STEWARD_RELAY_SIGNATURE: 'staff' } });
    try {
      await staffTeam(configured);
      await dm(configured, 'carol', 'Help please');
      const out = await configured.run('/as sam\n/relay reply C-1 Checking now\n/relay reply C-1 sign:name Found it');
      expect(linesTo(out, 'to carol')).toEqual([
        expect.stringContaining('[verified staff] Staff: Checking now'),
        expect.stringContaining('[verified staff] sam: Found it'),
      ]);
    } finally {
      await configured.close();
    }
  });

  it('refuses someone without relay.reply, says why, and delivers nothing', async () => {
    await dm(bot, 'carol', 'Help please');
    const out = await bot.run('/as dave\n/relay reply C-1 I am staff, trust me');
    expect(out).toContain("You don't have permission to run /relay reply: it needs `relay.reply`");
    expect(linesTo(out, 'to carol')).toEqual([]);
    expect(await prismaOf(bot).relayMessage.count({ where: { kind: 'staff' } })).toBe(0);
    expect(await reposOf(bot).outbox.pendingCount()).toBe(0);
  });

  it('names a bad or unknown conversation and changes nothing', async () => {
    await dm(bot, 'carol', 'Help please');
    const out = await bot.run('/as sam\n/relay reply banana hello\n/relay reply C-99 hello\n/relay reply C-1');
    expect(out).toContain('"banana" is not a conversation code; they look like C-12.');
    expect(out).toContain('There is no conversation C-99');
    expect(out).toContain('`text` is missing');
    expect(await prismaOf(bot).relayMessage.count()).toBe(1);
  });

  it('refuses to reply into a closed conversation', async () => {
    await dm(bot, 'carol', 'Help please');
    const out = await bot.run('/as sam\n/relay close C-1\n/relay reply C-1 one more thing');
    expect(linesTo(out, 'to carol')).toEqual([expect.stringContaining('Staff closed this conversation (C-1)')]);
    expect(out).toContain('C-1 is closed (archived)');
  });

  it('keeps internal notes away from the member', async () => {
    await dm(bot, 'carol', 'Help please');
    const out = await bot.run('/as sam\n/relay note C-1 Known customer, VIP');
    expect(linesTo(out, '#staff thread C-1')[0]).toContain(
      'Internal note by sam (not sent to the member):\n  Known customer, VIP',
    );
    expect(out).not.toContain('[to carol]');
    const out2 = await bot.run('/as carol\n/relay note C-1 sneaky');
    expect(out2).toContain('needs `relay.note`');
  });
});

describe('relay: inbox work and audited reads', () => {
  it('lists open, mine and all conversations; assigns; closes', async () => {
    await dm(bot, 'carol', 'Help please');
    await dm(bot, 'dave', 'Me too');
    await bot.run('/as sam\n/relay assign C-2 me');
    const mine = await bot.run('/relay list mine');
    await bot.run('/relay close C-1');
    const open = await bot.run('/relay list');
    const all = await bot.run('/relay list all');
    expect(mine).toContain('C-2');
    expect(mine).not.toContain('C-1 ');
    expect(open).toContain('C-2');
    expect(open).not.toMatch(/C-1\s/);
    expect(all).toMatch(/C-1\s+Member \w+\s+closed/);
  });

  it('assigns only to staff, and tells the assignee', async () => {
    await dm(bot, 'carol', 'Help please');
    const bad = await bot.run('/as mo\n/relay assign C-1 @dave');
    expect(bad).toContain('dave has not used Steward yet');
    await dm(bot, 'dave', 'hello');
    const notStaff = await bot.run('/relay assign C-1 @dave');
    expect(notStaff).toContain('dave cannot take C-1: they do not hold a staff role');
    const ok = await bot.run('/relay assign C-1 @sam');
    expect(linesTo(ok, 'to sam')[0]).toContain('mo assigned you conversation C-1');
  });

  it('shows the pseudonym to support staff and the identity only to those who may reveal it, audited', async () => {
    await dm(bot, 'carol', 'Help please');
    const carol = await memberNamed(bot, 'carol');
    const asSupport = await bot.run('/as sam\n/relay show C-1');
    expect(asSupport).toContain(`Member: ${carol.pseudonym}`);
    expect(asSupport).not.toContain('carol');
    const asAdmin = await bot.run('/as admin\n/relay show C-1\n/relay whois C-1');
    expect(asAdmin).toContain(`Member: carol (${carol.pseudonym})`);
    expect(asAdmin).toContain(`${carol.pseudonym} is carol.`);
    const sam = await memberNamed(bot, 'sam');
    const admin = await memberNamed(bot, 'admin');
    const views = await auditEntries(bot, { action: 'relay.view' });
    expect(views.map((e) => e.actorId).sort()).toEqual([sam.id, admin.id].sort());
    const reveals = await auditEntries(bot, { action: 'relay.reveal' });
    expect(reveals.map((e) => e.actorId)).toEqual([admin.id, admin.id]);
    expect(reveals.every((e) => e.subjectId === carol.id)).toBe(true);
    const whoisBySupport = await bot.run('/as sam\n/relay whois C-1');
    expect(whoisBySupport).toContain('needs `relay.reveal_identity`');
  });

  it('gives the transcript only to holders of relay.read_archive, ephemerally, and records the read', async () => {
    await dm(bot, 'carol', 'First message');
    await bot.run('/as sam\n/relay reply C-1 First answer\n/relay note C-1 a note\n/relay close C-1');
    const denied = await bot.run('/relay transcript C-1');
    expect(denied).toContain('needs `relay.read_archive`');
    const out = await bot.run('/as mo\n/relay transcript C-1');
    const [transcript] = linesTo(out, 'ephemeral to mo');
    expect(transcript).toContain('Transcript of C-1');
    expect(transcript).toMatch(/M-1 Member \w+:\n\s+First message/);
    expect(transcript).toMatch(/M-2 sam → member:\n\s+First answer/);
    expect(transcript).toMatch(/M-3 Internal note by sam:\n\s+a note/);
    expect(out).not.toContain('[#');
    const reads = await auditEntries(bot, { action: 'relay.transcript.read' });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorId).toBe((await memberNamed(bot, 'mo')).id);
    expect(JSON.parse(reads[0]!.detail)).toEqual({ conversation: 'C-1', messages: 3 });
  });

  it('sends a long transcript to the reader as a file in their DMs', async () => {
    bot.clock.advance(20 * 60_000);
    for (let i = 0; i < 9; i++) await dm(bot, 'carol', `message ${i} ${'lorem ipsum '.repeat(40)}`);
    const out = await bot.run('/as mo\n/relay transcript C-1');
    expect(linesTo(out, 'ephemeral to mo')[0]).toContain('sent to your direct messages as a file (C-1-transcript.txt)');
    expect(linesTo(out, 'to mo')[0]).toMatch(/attachment C-1-transcript\.txt, text\/plain; charset=utf-8, \d+ bytes/);
  });

  it('never writes message text into the audit log', async () => {
    await dm(bot, 'carol', 'SECRET-PAYLOAD-ONE');
    await bot.run(
      '/as sam\n/relay reply C-1 SECRET-PAYLOAD-TWO\n/relay note C-1 SECRET-PAYLOAD-THREE\n/as mo\n/relay transcript C-1\n/relay block @carol SECRET-PAYLOAD-FOUR',
    );
    const entries = await auditEntries(bot);
    expect(entries.length).toBeGreaterThan(5);
    expect(JSON.stringify(entries)).not.toContain('SECRET-PAYLOAD');
  });
});

describe('/verify', () => {
  it('tells anyone whether a person currently holds a staff role, without unmasking pseudonyms', async () => {
    await dm(bot, 'carol', 'hi');
    const carol = await memberNamed(bot, 'carol');
    const out = await bot.run(`/as dave\n/verify @sam\n/verify @carol\n/verify "${carol.pseudonym}"\n/verify @eve`);
    expect(out).toContain('sam is verified staff (support).');
    expect(out).toContain('@carol is NOT verified staff.');
    expect(out).toContain(`${carol.pseudonym} is NOT verified staff.`);
    expect(out).not.toMatch(/[^@]carol is NOT/);
    expect(out).toContain('@eve is NOT verified staff: Steward does not know them.');
  });

  it('stops vouching for someone whose staff role was revoked', async () => {
    await bot.run('/as admin\n/role revoke @sam support left the team');
    const out = await bot.run('/as dave\n/verify @sam');
    expect(out).toContain('@sam is NOT verified staff');
  });
});
