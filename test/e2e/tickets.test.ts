// Given support staff and members on the console adapter, tickets are opened where the
// problem is, worked by support, rated by their reporter, and every change is in the
// ticket's history. Bad input is refused with a clear message and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';
import { everyTicketRow, grantRole, memberId, prismaOf, watchEvents } from '../support/tickets-fixtures.js';

let bot: TestSteward;
beforeEach(async () => {
  bot = await startTestSteward();
  await bot.run('/as admin'); // first member: super admin
  await grantRole(bot, 'bob', 'support');
  await grantRole(bot, 'carol', 'support');
});
afterEach(async () => {
  await bot.close();
});

const eventCount = async () => prismaOf(bot).ticketEvent.count();

describe('opening a ticket', () => {
  it('gives a short id, confirms in the channel and notifies the support queue with Claim and Resolve', async () => {
    const out = await bot.run(
      '/as alice\n/in #webinar\n/ticket open The stream keeps buffering priority:high category:audio-video',
    );
    expect(out).toContain('[#webinar] Ticket T-1 opened for alice (audio-video, high): The stream keeps buffering');
    expect(out).toContain('[#support thread T-1] New ticket T-1 from alice in #webinar: The stream keeps buffering');
    expect(out).toContain('First response due: 2026-11-02 10:00 UTC'); // high: 1h
    expect(out).toContain('(Claim: /ticket claim id:T-1)');
    expect(out).toContain('(Resolve: /ticket resolve id:T-1)');
  });

  it('numbers tickets in sequence and defaults to category other, priority normal', async () => {
    await bot.run('/as alice\n/ticket open First problem');
    const out = await bot.run('/ticket open Second problem');
    expect(out).toContain('Ticket T-2 opened for alice (other, normal): Second problem');
  });

  it('stores the summary, comments and resolution only as ciphertext', async () => {
    await bot.run('/as alice\n/ticket open Secret-summary-words');
    await bot.run('/as bob\n/ticket comment T-1 Secret-comment-words\n/ticket resolve T-1 Secret-resolution-words');
    await bot.run('/as alice\n/ticket rate T-1 4 Secret-rating-words');
    const stored = await everyTicketRow(bot);
    for (const secret of ['Secret-summary', 'Secret-comment', 'Secret-resolution', 'Secret-rating']) {
      expect(stored).not.toContain(secret);
    }
    const ticket = await prismaOf(bot).ticket.findFirstOrThrow();
    expect(ticket.summaryCipher).toMatch(/^v1\./);
  });

  it('refuses an unknown category with the choices, and opens nothing', async () => {
    const out = await bot.run('/as alice\n/ticket open Broken category:printer');
    expect(out).toContain(
      '`category` must be one of: login, display, broken-link, audio-video, connectivity, access, other',
    );
    expect(await prismaOf(bot).ticket.count()).toBe(0);
  });

  it('refuses an empty summary with usage', async () => {
    const out = await bot.run('/as alice\n/ticket open priority:urgent');
    expect(out).toContain('`summary` is missing');
    expect(out).toContain('Usage: /ticket open <summary>');
  });
});

describe('working a ticket', () => {
  beforeEach(async () => {
    await bot.run('/as alice\n/ticket open Cannot log in to the portal category:login');
  });

  it('claim puts it in progress, tells the queue and the reporter; a second claim is refused', async () => {
    bot.clock.advance(5 * 60_000);
    const out = await bot.run('/as bob\n/ticket claim T-1');
    expect(out).toContain('[ephemeral to bob] You have claimed T-1: Cannot log in to the portal');
    expect(out).toContain('[#support thread T-1] T-1 claimed by bob.');
    expect(out).toContain('[to alice] bob from support is looking at your ticket T-1.');
    const again = await bot.run('/as carol\n/ticket claim T-1');
    expect(again).toContain('T-1 is already claimed by bob');
    const show = await bot.run('/ticket show T-1');
    expect(show).toContain('Status: in progress');
    expect(show).toContain('Assignee: bob');
    expect(show).toContain('First response: 2026-11-02 09:05 UTC');
  });

  it('members cannot work tickets', async () => {
    const out = await bot.run('/as dave\n/ticket claim T-1');
    expect(out).toContain("You don't have permission to run /ticket claim: it needs `ticket.work`");
  });

  it('assigns to a support member and tells them; refuses someone who cannot work tickets', async () => {
    const refused = await bot.run('/as bob\n/ticket assign T-1 @alice');
    expect(refused).toContain('alice cannot work on tickets: they need the ticket.work permission');
    const out = await bot.run('/ticket assign T-1 @carol');
    expect(out).toContain('[ephemeral to bob] T-1 is now assigned to carol.');
    expect(out).toContain('[to carol] bob assigned ticket T-1 to you (normal, login): Cannot log in to the portal');
  });

  it('comments reach the reporter (from staff) and the assignee (from the reporter)', async () => {
    await bot.run('/as bob\n/ticket claim T-1');
    const staff = await bot.run('/ticket comment T-1 Which browser are you using?');
    expect(staff).toContain('[to alice] bob commented on your ticket T-1: Which browser are you using?');
    const reporter = await bot.run('/as alice\n/ticket comment T-1 Firefox 140');
    expect(reporter).toContain('[to bob] alice commented on T-1: Firefox 140');
  });

  it('other members can neither see nor comment on it', async () => {
    const out = await bot.run('/as dave\n/ticket show T-1\n/ticket comment T-1 me too');
    expect(out).toContain(
      'T-1 is not your ticket: only the person who reported it and support staff (ticket.work) can see it.',
    );
    expect(out).toContain('can comment on it.');
  });

  it('escalation sends the ticket with its history to the escalation channel', async () => {
    await bot.run('/as bob\n/ticket claim T-1\n/ticket comment T-1 Password reset did not help');
    bot.clock.advance(60_000);
    const out = await bot.run('/ticket escalate T-1 SSO seems down');
    expect(out).toContain('[ephemeral to bob] T-1 has been escalated to #it-escalations with its history.');
    const escalation = out.slice(out.indexOf('[#it-escalations'));
    expect(escalation).toContain('[#it-escalations thread it:T-1] T-1 escalated by bob: Cannot log in to the portal');
    expect(escalation).toContain('Status: escalated');
    expect(escalation).toContain('alice  opened it (login, normal)');
    expect(escalation).toContain('bob    claimed it');
    expect(escalation).toContain('commented: Password reset did not help');
    expect(escalation).toContain('escalated it: SSO seems down');
    const twice = await bot.run('/ticket escalate T-1');
    expect(twice).toContain('T-1 is already escalated.');
  });

  it('resolving needs a note, emits ticket.resolved, and asks the reporter for a rating', async () => {
    const events = watchEvents(bot);
    const noNote = await bot.run('/as bob\n/ticket resolve T-1');
    expect(noNote).toContain('`note` is missing');
    expect(await bot.run('/ticket show T-1')).toContain('Status: open');
    const out = await bot.run('/ticket resolve T-1 Your account was locked; unlocked it');
    expect(out).toContain('[ephemeral to bob] T-1 is resolved. alice has been asked to rate it.');
    expect(out).toContain(
      '[to alice] Your ticket T-1 (Cannot log in to the portal) was resolved by bob: Your account was locked; unlocked it',
    );
    for (const n of [1, 2, 3, 4, 5]) expect(out).toContain(`(${n}: /ticket rate id:T-1 rating:${n})`);
    const alice = await memberId(bot, 'alice');
    const bob = await memberId(bot, 'bob');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'ticket.resolved', reporterId: alice, assigneeId: bob }),
    );
  });

  it('every change is in the history with actor and time', async () => {
    await bot.run('/as bob\n/ticket claim T-1');
    bot.clock.advance(10 * 60_000);
    await bot.run('/ticket triage T-1 priority:high');
    await bot.run('/ticket resolve T-1 Unlocked');
    await bot.run('/as alice\n/ticket reopen T-1 Locked again\n/ticket close T-1 Works now');
    const out = await bot.run('/ticket show T-1');
    expect(out).toContain('2026-11-02 09:00 UTC  alice  opened it (login, normal)');
    expect(out).toContain('2026-11-02 09:00 UTC  bob    claimed it');
    expect(out).toContain('2026-11-02 09:10 UTC  bob    set priority high');
    expect(out).toContain('2026-11-02 09:10 UTC  bob    resolved it: Unlocked');
    expect(out).toContain('2026-11-02 09:10 UTC  alice  reopened it: Locked again');
    expect(out).toContain('2026-11-02 09:10 UTC  alice  closed it: Works now');
    expect(out).toContain('Status: closed');
  });
});

describe('bad input changes nothing', () => {
  beforeEach(async () => {
    await bot.run('/as alice\n/ticket open Video is black category:audio-video');
  });

  it('an unknown ticket', async () => {
    const out = await bot.run('/as bob\n/ticket claim T-99');
    expect(out).toContain('There is no ticket T-99. Check the id with /ticket list.');
  });

  it('something that is not a ticket id', async () => {
    const out = await bot.run('/as bob\n/ticket show banana');
    expect(out).toContain('`id` "banana" is not a ticket id like T-42');
  });

  it('a wrong state transition', async () => {
    const before = await eventCount();
    const out = await bot.run('/as bob\n/ticket reopen T-1');
    expect(out).toContain('T-1 is still open; only resolved or closed tickets can be reopened.');
    await bot.run('/ticket resolve T-1 Fixed');
    const after = await eventCount();
    const late = await bot.run('/ticket claim T-1\n/ticket escalate T-1\n/ticket resolve T-1 Again');
    expect(late).toContain('T-1 is resolved, so it cannot be claimed. Reopen it first with /ticket reopen T-1.');
    expect(late).toContain('T-1 is resolved, so it cannot be escalated.');
    expect(late).toContain('T-1 is resolved, so it cannot be resolved.');
    expect(await eventCount()).toBe(after);
    expect(after).toBe(before + 1);
  });

  it('rating someone else’s ticket', async () => {
    await bot.run('/as bob\n/ticket resolve T-1 Fixed');
    const before = await eventCount();
    const out = await bot.run('/as dave\n/ticket rate T-1 1');
    expect(out).toContain('Only the person who reported T-1 can rate it.');
    const staff = await bot.run('/as bob\n/ticket rate T-1 5');
    expect(staff).toContain('Only the person who reported T-1 can rate it.');
    expect(await eventCount()).toBe(before);
  });

  it('rating before resolution, out of range, and twice', async () => {
    const events = watchEvents(bot);
    const early = await bot.run('/as alice\n/ticket rate T-1 5');
    expect(early).toContain('T-1 has not been resolved yet (it is open); you can rate it once it is.');
    await bot.run('/as bob\n/ticket resolve T-1 Fixed');
    const range = await bot.run('/as alice\n/ticket rate T-1 6\n/ticket rate T-1 great');
    expect(range.match(/`rating` must be a whole number from 1 \(poor\) to 5 \(great\)/g)).toHaveLength(2);
    const first = await bot.run('/ticket rate T-1 4 Quick and friendly');
    expect(first).toContain('[ephemeral to alice] Thank you! You rated T-1 4/5.');
    expect(first).toContain('[#support thread T-1] alice rated T-1 4/5: Quick and friendly');
    const before = await eventCount();
    const twice = await bot.run('/ticket rate T-1 1');
    expect(twice).toContain('You have already rated T-1 (4/5); each ticket is rated once.');
    expect(await eventCount()).toBe(before);
    expect(events.filter((e) => e.type === 'ticket.rated')).toEqual([
      expect.objectContaining({ type: 'ticket.rated', rating: 4, assigneeId: await memberId(bot, 'bob') }),
    ]);
  });

  it('a ticket closed without resolution cannot be rated', async () => {
    await bot.run('/as alice\n/ticket close T-1 Never mind');
    const out = await bot.run('/ticket rate T-1 3');
    expect(out).toContain('T-1 was closed without a resolution, so there is nothing to rate.');
  });

  it('triage without a change says what to give', async () => {
    const out = await bot.run('/as bob\n/ticket triage T-1');
    expect(out).toContain('Say what to change: /ticket triage T-1 priority:<priority> and/or category:<category>.');
  });
});

describe('listing tickets', () => {
  beforeEach(async () => {
    await bot.run('/as alice\n/ticket open Slides do not load category:display');
    await bot.run('/ticket open Zoom link is dead category:broken-link priority:high');
    await bot.run('/as erin\n/ticket open Wifi drops every minute category:connectivity');
    await bot.run('/as bob\n/ticket claim T-2');
  });

  it('members see only their own tickets', async () => {
    const out = await bot.run('/as alice\n/ticket list');
    expect(out).toContain('You have 2 active tickets:');
    expect(out).toContain('Slides do not load');
    expect(out).not.toContain('Wifi drops');
  });

  it('staff see everyone’s, filtered by status, assignee, category and session', async () => {
    const all = await bot.run('/as carol\n/ticket list');
    expect(all).toContain('3 active tickets:');
    const mine = await bot.run('/as bob\n/ticket list assignee:me');
    expect(mine).toContain('1 active ticket:');
    expect(mine).toContain('T-2');
    expect(mine).not.toContain('T-1 ');
    const unassigned = await bot.run('/ticket list assignee:none');
    expect(unassigned).toContain('2 active tickets:');
    const byCategory = await bot.run('/ticket list category:connectivity');
    expect(byCategory).toContain('Wifi drops every minute');
    expect(byCategory).not.toContain('Slides');
    await bot.run('/ticket resolve T-2 New link posted');
    const resolved = await bot.run('/ticket list status:resolved');
    expect(resolved).toContain('1 resolved ticket:');
    expect(resolved).toContain('T-2');
    const none = await bot.run('/ticket list status:closed');
    expect(none).toContain('No closed tickets match.');
  });

  it('refuses an unknown session filter', async () => {
    const out = await bot.run('/as bob\n/ticket list session:S-9');
    expect(out).toContain('There is no session S-9.');
  });
});
