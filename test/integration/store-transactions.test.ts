// The store's transactions as callers see them, on both databases: many at once, some
// failing; Prisma's queries and the plain SQL of the hot paths inside one transaction;
// instants and counts read back the same whichever way they were written.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repos } from '../../src/core/ports.js';
import type { PrismaStore } from '../../src/store/store.js';
import { pgReachable } from '../support/postgres.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

const providers: Provider[] = (await pgReachable()) ? ['sqlite', 'postgresql'] : ['sqlite'];

class Refused extends Error {}

describe.each(providers)('store transactions on %s', (provider) => {
  let bot: TestSteward;
  let store: PrismaStore;
  const when = new Date('2026-03-04T05:06:07.089Z');

  beforeAll(async () => {
    bot = await startTestSteward({ provider });
    store = bot.steward.services.store as PrismaStore;
  });
  afterAll(() => bot.close());

  const remember = (repos: Repos, key: string) => repos.events.remember(key, when);

  it('keeps each of many concurrent transactions whole: the failing ones leave nothing, the rest all land', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        store.transact(async (repos) => {
          await remember(repos, `concurrent:${i}:a`);
          await Promise.resolve();
          await remember(repos, `concurrent:${i}:b`);
          if (i % 7 === 3) throw new Refused(`transaction ${i} refused`);
          return i;
        }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(results.filter((_, i) => i % 7 === 3).length);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(Refused);
    expect(
      results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value),
    ).toEqual(Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 7 !== 3));

    const stored = await store.prisma.processedEvent.findMany({ where: { key: { startsWith: 'concurrent:' } } });
    const keys = new Set(stored.map((e) => e.key));
    for (let i = 0; i < 60; i++) {
      const expected = i % 7 !== 3;
      expect(keys.has(`concurrent:${i}:a`), `transaction ${i}, first write`).toBe(expected);
      expect(keys.has(`concurrent:${i}:b`), `transaction ${i}, second write`).toBe(expected);
    }
  });

  it("rolls back Prisma's writes and plain SQL together when a transaction fails", async () => {
    const member = (await store.repos.members.findByName('nobody-yet')).at(0);
    expect(member).toBeUndefined();
    await expect(
      store.transact(async (repos) => {
        // A nested create (Prisma opens a transaction of its own for it) and a plain-SQL insert.
        await repos.members.create({
          id: 'rollback-member',
          displayName: 'Rolled Back',
          pseudonym: 'Member RB01',
          account: { platform: 'console', workspaceId: 'local', userId: 'rolled-back' },
          now: when,
        });
        await remember(repos, 'rollback:event');
        expect(
          await repos.members.findByAccount({ platform: 'console', workspaceId: 'local', userId: 'rolled-back' }),
        ).toMatchObject({ id: 'rollback-member' });
        throw new Refused('undo it all');
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await store.repos.members.findById('rollback-member')).toBeNull();
    expect(await store.prisma.platformAccount.count({ where: { userId: 'rolled-back' } })).toBe(0);
    expect(await store.transact((repos) => remember(repos, 'rollback:event'))).toBe(true);
  });

  it('reads back through plain SQL exactly what Prisma wrote, and the other way round', async () => {
    const created = await store.transact((repos) =>
      repos.members.create({
        id: 'round-trip',
        displayName: 'Round Trip',
        pseudonym: 'Member RT01',
        account: { platform: 'console', workspaceId: 'local', userId: 'round-trip' },
        now: when,
      }),
    );
    // findByAccount and findById are plain SQL; create went through Prisma.
    const viaSql = await store.repos.members.findByAccount({
      platform: 'console',
      workspaceId: 'local',
      userId: 'round-trip',
    });
    expect(viaSql).toEqual(created);
    expect(viaSql?.createdAt.toISOString()).toBe('2026-03-04T05:06:07.089Z');

    const later = new Date('2026-07-08T09:10:11.012Z');
    await store.repos.members.touch('round-trip', later); // plain SQL
    const viaPrisma = await store.prisma.member.findUnique({ where: { id: 'round-trip' } });
    expect(viaPrisma?.lastActiveAt.toISOString()).toBe('2026-07-08T09:10:11.012Z');
  });

  it('reads a member and their unrevoked grants in one query exactly as the two separate reads give them', async () => {
    const account = { platform: 'console', workspaceId: 'local', userId: 'with-grants' } as const;
    const grant = (id: string, role: string, createdAt: Date) => ({
      id,
      memberId: 'with-grants',
      role,
      orgId: null,
      grantedById: null,
      reason: 'test',
      createdAt,
      expiresAt: id === 'g-b' ? new Date('2027-01-01T00:00:00.000Z') : null,
    });
    await store.transact(async (repos) => {
      await repos.members.create({
        id: 'with-grants',
        displayName: 'With Grants',
        pseudonym: 'Member WG01',
        account,
        now: when,
      });
      expect(await repos.members.findByAccountWithGrants(account)).toStrictEqual({
        member: await repos.members.findByAccount(account),
        grants: [],
      });
      // Two at the same instant: the id orders them, the same way in both reads.
      await repos.grants.create(grant('g-c', 'viewer', when));
      await repos.grants.create(grant('g-a', 'member', when));
      await repos.grants.create(grant('g-b', 'support', new Date(when.getTime() - 1000)));
      await repos.grants.create(grant('g-revoked', 'moderator', when));
      await repos.grants.revoke('g-revoked', null, 'test', when);
    });
    const joined = await store.repos.members.findByAccountWithGrants(account);
    expect(joined).toStrictEqual({
      member: await store.repos.members.findByAccount(account),
      grants: await store.repos.grants.unrevokedFor('with-grants'),
    });
    expect(joined?.grants.map((g) => g.id)).toEqual(['g-b', 'g-a', 'g-c']);
    expect(await store.repos.members.findByAccountWithGrants({ ...account, userId: 'nobody' })).toBeNull();
  });

  const draft = (id: string) => ({
    id,
    reporterId: 'round-trip',
    assigneeId: null,
    category: 'login' as const,
    priority: 'normal' as const,
    status: 'open' as const,
    sessionId: null,
    channelPlatform: 'console',
    channelId: 'general',
    channelName: 'general',
    requestId: null,
    summary: { ciphertext: 'v1.sealed-summary', keyId: 'dk-1' },
    resolution: null,
    rating: null,
    ratingComment: null,
    createdAt: when,
    firstResponseAt: null,
    escalatedAt: null,
    resolvedAt: null,
    closedAt: null,
    ratedAt: null,
  });
  const opened = {
    at: when,
    actorId: 'round-trip',
    kind: 'opened' as const,
    detail: { category: 'login' },
    body: null,
    bodyOwnerId: null,
  };

  it('opens a ticket under the next number with its first event, and returns what Prisma then reads back', async () => {
    const [first, second] = await store.transact(async (repos) => [
      await repos.tickets.open(draft('round-trip-1'), opened),
      await repos.tickets.open(draft('round-trip-2'), opened),
    ]);
    expect(second!.number).toBe(first!.number + 1);
    expect(await store.repos.tickets.byNumber(first!.number)).toStrictEqual(first);
    expect((await store.repos.tickets.list({ reporterId: 'round-trip' }, 10)).tickets).toStrictEqual([second, first]);
    const events = await store.repos.tickets.eventsOf([first!.id, second!.id]);
    expect(events.map((e) => [e.ticketId, e.kind, e.detail])).toEqual([
      ['round-trip-1', 'opened', { category: 'login' }],
      ['round-trip-2', 'opened', { category: 'login' }],
    ]);
    // A rolled-back open leaves no ticket and gives its number to the next one.
    await expect(
      store.transact(async (repos) => {
        await repos.tickets.open(draft('rolled-back'), opened);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const third = await store.transact((repos) => repos.tickets.open(draft('round-trip-3'), opened));
    expect(third.number).toBe(second!.number + 1);
    expect(await store.repos.tickets.eventsOf(['rolled-back'])).toEqual([]);
  });
});

describe.skipIf(!providers.includes('postgresql'))('store transactions on postgresql, concurrently', () => {
  let bot: TestSteward;
  let store: PrismaStore;

  beforeAll(async () => {
    bot = await startTestSteward({ provider: 'postgresql' });
    store = bot.steward.services.store as PrismaStore;
  });
  afterAll(() => bot.close());

  it('gives concurrent transactions each their own connection, Prisma reads in the same tick included', async () => {
    // Both write, then both read, then both commit: under READ COMMITTED each must see
    // its own write and not the other's, whatever connection Prisma's requests travel.
    const barrier = (count: number) => {
      let arrived = 0;
      let open!: () => void;
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => {
        if (++arrived === count) open();
        return opened;
      };
    };
    const bothWrote = barrier(2);
    const bothRead = barrier(2);
    const views = await Promise.all(
      ['left', 'right'].map((side) =>
        store.transact(async (repos) => {
          await repos.settings.set(`isolation.${side}`, side);
          await bothWrote();
          // Both transactions read in the same tick: Prisma would merge these findUniques.
          const [left, right] = await Promise.all([
            repos.settings.get('isolation.left'),
            repos.settings.get('isolation.right'),
          ]);
          await bothRead();
          return { side, left, right };
        }),
      ),
    );
    expect(views).toEqual([
      { side: 'left', left: 'left', right: null },
      { side: 'right', left: null, right: 'right' },
    ]);
  });

  it('numbers tickets opened at the same time one after another, none lost or shared', async () => {
    const opened = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.transact((repos) =>
          repos.tickets.open(
            {
              id: `concurrent-${i}`,
              reporterId: 'concurrent',
              assigneeId: null,
              category: 'other',
              priority: 'normal',
              status: 'open',
              sessionId: null,
              channelPlatform: null,
              channelId: null,
              channelName: null,
              requestId: null,
              summary: null,
              resolution: null,
              rating: null,
              ratingComment: null,
              createdAt: new Date(),
              firstResponseAt: null,
              escalatedAt: null,
              resolvedAt: null,
              closedAt: null,
              ratedAt: null,
            },
            { at: new Date(), actorId: null, kind: 'opened', detail: {}, body: null, bodyOwnerId: null },
          ),
        ),
      ),
    );
    const numbers = opened.map((t) => t.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => numbers[0]! + i));
    for (const t of opened) expect((await store.repos.tickets.byNumber(t.number))?.id).toBe(t.id);
    expect(await store.repos.tickets.eventsOf(opened.map((t) => t.id))).toHaveLength(20);
  });

  // A transaction sends BEGIN only before its first statement that does more than read.
  const outsider = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: bot.steward.services.config.database.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  it('holds an advisory lock taken after reads until the transaction ends, as the SLA check and audit chain need', async () => {
    const LOCK = 424_242;
    let tried: boolean | undefined;
    await store.transact(async (repos) => {
      await repos.settings.get('lock.before');
      await store.prisma.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK})`);
      tried = await outsider(
        async (c) => (await c.query('SELECT pg_try_advisory_lock($1) AS got', [LOCK])).rows[0].got as boolean,
      );
    });
    expect(tried).toBe(false);
    const after = await outsider(async (c) => {
      const got = (await c.query('SELECT pg_try_advisory_lock($1) AS got', [LOCK])).rows[0].got as boolean;
      await c.query('SELECT pg_advisory_unlock_all()');
      return got;
    });
    expect(after).toBe(true);
  });

  it('leaves no connection inside a transaction, whether a transaction only read, wrote, or failed after either', async () => {
    await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        store.transact(async (repos) => {
          await repos.settings.get(`clean.${i}`);
          if (i % 2) await repos.settings.set(`clean.${i}`, 'written');
          if (i % 3 === 0) throw new Refused(`transaction ${i} refused`);
        }),
      ),
    );
    const database = new URL(bot.steward.services.config.database.url).pathname.slice(1);
    const stuck = await outsider(
      async (c) =>
        (
          await c.query(
            "SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'",
            [database],
          )
        ).rows[0].n as number,
    );
    expect(stuck).toBe(0);
    const written = await Promise.all(Array.from({ length: 24 }, (_, i) => store.repos.settings.get(`clean.${i}`)));
    expect(written).toEqual(Array.from({ length: 24 }, (_, i) => (i % 2 && i % 3 !== 0 ? 'written' : null)));
  });
});
