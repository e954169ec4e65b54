// A member's export includes their tickets decrypted; their erasure makes every piece of
// ticket text they own unreadable, while reports keep counting the tickets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketPrivacy } from '../../src/core/tickets/privacy.js';
import { privacyContributors } from '../../src/subscribers.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';
import { grantRole, memberId } from '../support/tickets-fixtures.js';

let bot: TestSteward;
beforeEach(async () => {
  bot = await startTestSteward();
  await bot.run('/as admin');
  await grantRole(bot, 'bob', 'support');
  await bot.run('/as alice\n/ticket open Projector shows no signal category:display');
  await bot.run('/as erin\n/ticket open Wifi password rejected category:connectivity');
  await bot.run('/as bob\n/ticket comment T-1 Try the HDMI adapter\n/ticket resolve T-1 Replaced the cable');
  await bot.run('/as alice\n/ticket rate T-1 5 Fast fix');
});
afterEach(async () => {
  await bot.close();
});

describe('tickets and privacy', () => {
  it('is registered as a privacy contributor', () => {
    expect(privacyContributors(bot.steward.services).map((c) => c.area)).toContain('tickets');
  });

  it('exports a member’s tickets decrypted, with history, and what they wrote on others’ tickets', async () => {
    const { services } = bot.steward;
    type Export = {
      reported: {
        ticket: string;
        summary: string;
        resolution: string;
        rating: number;
        ratingComment: string;
        history: { event: string }[];
      }[];
      writtenOnOtherTickets: { ticket: string; text: string }[];
    };
    const exportOf = async (name: string) => {
      const id = await memberId(bot, name);
      return (await services.store.transact((repos) => ticketPrivacy.export(services, repos, id))) as Export;
    };
    const alice = await exportOf('alice');
    expect(alice.reported).toHaveLength(1);
    expect(alice.reported[0]).toMatchObject({
      ticket: 'T-1',
      summary: 'Projector shows no signal',
      resolution: 'Replaced the cable',
      rating: 5,
      ratingComment: 'Fast fix',
    });
    expect(alice.reported[0]!.history.map((h) => h.event)).toContain('commented: Try the HDMI adapter');
    expect(alice.writtenOnOtherTickets).toEqual([]);
    const bob = await exportOf('bob');
    expect(bob.reported).toEqual([]);
    expect(bob.writtenOnOtherTickets).toEqual([
      expect.objectContaining({ ticket: 'T-1', text: 'Try the HDMI adapter' }),
    ]);
  });

  async function erase(name: string) {
    const step1 = await bot.run(`/as ${name}\n/privacy erase`);
    const code = /confirm:([A-Z0-9]+)/.exec(step1)?.[1];
    expect(code).toBeDefined();
    expect(await bot.run(`/privacy erase confirm:${code}`)).toContain('your personal data is erased');
  }

  it('after a reporter’s erasure their ticket text reads [erased]; others’ text and the counts remain', async () => {
    await erase('alice');
    const t1 = await bot.run('/as bob\n/ticket show T-1');
    expect(t1).toContain('T-1: [erased]');
    expect(t1).toContain('Resolution: [erased]');
    expect(t1).toContain('Rating: 5/5');
    expect(t1).toMatch(/rated it 5\/5: \[erased\]/);
    expect(t1).toContain('commented: Try the HDMI adapter'); // bob's own text survives
    for (const gone of ['Projector', 'Replaced the cable', 'Fast fix']) expect(t1).not.toContain(gone);
    expect(await bot.run('/ticket show T-2')).toContain('T-2: Wifi password rejected');
    const report = await bot.run('/as admin\n/report tickets');
    expect(report).toContain('2 tickets opened');
    expect(report).toContain('Satisfaction: 5.0 from 1 rating');
  });

  it('after a staff member’s erasure, their comments read [erased] and the reporter’s text stays', async () => {
    await erase('bob');
    const t1 = await bot.run('/as alice\n/ticket show T-1');
    expect(t1).toContain('T-1: Projector shows no signal');
    expect(t1).toContain('Resolution: Replaced the cable');
    expect(t1).toMatch(/commented: \[erased\]/);
    expect(t1).not.toContain('HDMI');
  });
});
