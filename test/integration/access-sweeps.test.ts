// The functions the scheduler will call (each in its own transaction) and promotion
// rules fed by ticket events, on SQLite and PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import { lapseRoleRequests } from '../../src/core/access/requests.js';
import { buildAccessReview } from '../../src/core/access/review.js';
import { sweepExpiredGrants, warnExpiringGrants } from '../../src/core/access/sweeps.js';
import type { DomainEvent } from '../../src/core/events.js';
import { auditEntries, configFile, DAY, member, reposOf, rolesOf } from '../support/access.js';
import { pgReachable } from '../support/postgres.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => bot?.close());

const pgUp = await pgReachable();

async function publish(b: TestSteward, event: DomainEvent) {
  const { store, clock } = b.steward.services;
  await store.transact((repos) => b.steward.services.emit(repos, clock.now(), event));
  await b.steward.outbox.drain();
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe.skipIf(provider === 'postgresql' && !pgUp)(`scheduled access work on ${provider}`, () => {
    async function start(env: Record<string, string> = {}) {
      bot = await startTestSteward({ provider: provider as Provider, env });
      await bot.run('/as alice\n/org create acme Acme\n/as carol\n/as dave\n/as alice');
    }

    it('records expiries, warns once, lapses requests, each returning a summary', async () => {
      await start({ STEWARD_CONFIG_FILE: configFile('s.yaml', 'expiryWarningDays: 5\nrequestLapseDays: 2\n') });
      await bot.run('/role assign @carol support org:acme expires:1d a\n/role assign @dave editor expires:4d b');
      await bot.run('/as carol\n/role request moderator org:acme c\n/as alice');
      const { services } = bot.steward;
      const { clock } = bot;

      expect(await warnExpiringGrants(services, clock.now())).toEqual({ warned: 2 });
      expect(await warnExpiringGrants(services, clock.now())).toEqual({ warned: 0 });
      clock.advance(DAY + 1);
      expect(await sweepExpiredGrants(services, clock.now())).toEqual({ expired: 1 });
      expect(await sweepExpiredGrants(services, clock.now())).toEqual({ expired: 0 });
      expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
      expect(await lapseRoleRequests(services, clock.now())).toEqual({ lapsed: 0 });
      clock.advance(DAY);
      expect(await lapseRoleRequests(services, clock.now())).toEqual({ lapsed: 1 });

      await bot.steward.outbox.drain();
      const out = bot.transcript();
      expect(out).toContain('[to carol] Your role support in acme expires on 2026-11-03 09:00 UTC.');
      expect(out).toContain('[to dave] Your role editor (global) expires on 2026-11-06 09:00 UTC.');
      expect(out).toContain('[to carol] Your role support in acme expired on 2026-11-03 09:00 UTC.');
      expect(out).toContain(
        '[to carol] Your request #1 for moderator in acme lapsed: nobody decided it within 2 days.',
      );
      expect((await auditEntries(bot, { action: 'role.expired' })).length).toBe(1);
      expect((await auditEntries(bot, { action: 'role.request.lapsed' })).length).toBe(1);
    });

    it('builds the access review outside any command', async () => {
      await start();
      await bot.run('/role assign @carol support org:acme\n/role assign @dave editor org:acme blog');
      const review = await buildAccessReview(bot.steward.services, reposOf(bot), 'acme');
      expect(review).toMatchObject({ orgId: 'acme', total: 2, flagged: 1, errorRate: 0.5 });
      expect(review.rows.map((r) => [r.member, r.role, r.flags]).sort()).toEqual([
        ['carol', 'support', ['no-reason']],
        ['dave', 'editor', []],
      ]);
    });

    it('turns a met promotion rule into a request for an admin, never a grant', async () => {
      await start({
        STEWARD_CONFIG_FILE: configFile(
          'p.yaml',
          'promotions:\n  - role: support\n    after: {ticketsResolved: 2, minAverageRating: 4}\n',
        ),
      });
      const carol = (await member(bot, 'carol')).id;
      const reporter = (await member(bot, 'dave')).id;
      await publish(bot, { type: 'ticket.resolved', ticketId: 'T-1', reporterId: reporter, assigneeId: carol });
      await publish(bot, { type: 'ticket.rated', ticketId: 'T-1', assigneeId: carol, rating: 3 });
      await publish(bot, { type: 'ticket.resolved', ticketId: 'T-2', reporterId: reporter, assigneeId: carol });
      expect(await reposOf(bot).roleRequests.pending()).toHaveLength(0); // average 3 < 4
      await publish(bot, { type: 'ticket.rated', ticketId: 'T-2', assigneeId: carol, rating: 5 });

      const [request] = await reposOf(bot).roleRequests.pending();
      expect(request).toMatchObject({ requesterId: carol, role: 'support', orgId: null, source: 'promotion' });
      expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
      expect(bot.transcript()).toContain(
        '[to alice] A promotion rule suggests support for carol (global) (request #1): Suggested by a promotion rule (2 resolved, average rating at least 4): 2 tickets resolved, average rating 4.0.',
      );

      // Once per member and role: more resolved tickets do not repeat it, even after a denial.
      await publish(bot, { type: 'ticket.resolved', ticketId: 'T-3', reporterId: reporter, assigneeId: carol });
      expect(await reposOf(bot).roleRequests.pending()).toHaveLength(1);
      await bot.run('/role deny 1 not yet');
      await publish(bot, { type: 'ticket.resolved', ticketId: 'T-4', reporterId: reporter, assigneeId: carol });
      expect(await reposOf(bot).roleRequests.pending()).toHaveLength(0);

      // Unassigned tickets count for nobody.
      await publish(bot, { type: 'ticket.resolved', ticketId: 'T-5', reporterId: reporter, assigneeId: null });
      const [entry] = await auditEntries(bot, { action: 'role.request' });
      expect(entry).toMatchObject({ actorId: null, subjectId: carol });
    });
  });
}
