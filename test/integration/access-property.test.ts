// Property-based: random sequences of assign / revoke / request / approve / deny /
// offboard / leave / return / time passing, by random actors, through the real
// dispatcher and store. Afterwards, from the stored grants and the audit log:
//   1. no grant carries a permission its granter lacked (in that scope) when it was given,
//      and none outranks the granter unless the granter was a super admin;
//   2. nobody changes a grant outside the scopes where they held the right to
//      (so org admins never affect other organisations);
//   3. every change (grant given, grant taken away, departure, request decided) has an
//      audit entry, and the chain verifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consoleAccount } from '../../adapters/console/console-adapter.js';
import { type GrantFacts, highestRank, isSuperAdmin, permits, type Scope } from '../../src/core/access/evaluator.js';
import type { Permission } from '../../src/core/access/permissions.js';
import { verifyAuditChain } from '../../src/core/audit/verify.js';
import type { AuditRecord } from '../../src/core/ports.js';
import type { PrismaStore } from '../../src/store/store.js';
import { runAs } from '../support/access.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin'] as const;
const ROLES = ['super_admin', 'org_admin', 'moderator', 'support', 'marketing', 'editor', 'viewer'] as const;
const ORGS = [null, 'acme', 'beta'] as const;

type Op =
  | { kind: 'assign'; actor: string; subject: string; role: string; org: string | null; expires: boolean }
  | { kind: 'revoke'; actor: string; subject: string; role: string; org: string | null }
  | { kind: 'request'; actor: string; role: string; org: string | null }
  | { kind: 'approve' | 'deny'; actor: string; id: number }
  | { kind: 'offboard'; actor: string; subject: string; org: string | null }
  | { kind: 'leave' | 'return'; subject: string }
  | { kind: 'wait' };

const person = fc.constantFrom(...PEOPLE);
const role = fc.constantFrom(...ROLES);
const org = fc.constantFrom(...ORGS);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      actor: person,
      subject: person,
      role,
      org,
      expires: fc.boolean(),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('revoke' as const), actor: person, subject: person, role, org }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('request' as const), actor: person, role, org }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('approve' as const, 'deny' as const),
      actor: person,
      id: fc.integer({ min: 1, max: 6 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('offboard' as const), actor: person, subject: person, org }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constantFrom('leave' as const, 'return' as const), subject: person }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'wait' as const }), weight: 1 },
);

const orgArg = (o: string | null) => (o ? ` org:${o}` : '');

async function apply(bot: TestSteward, o: Op): Promise<void> {
  switch (o.kind) {
    case 'assign':
      await runAs(
        bot,
        o.actor,
        `/role assign @${o.subject} ${o.role}${orgArg(o.org)}${o.expires ? ' expires:1h' : ''} p`,
      );
      return;
    case 'revoke':
      await runAs(bot, o.actor, `/role revoke @${o.subject} ${o.role}${orgArg(o.org)}`);
      return;
    case 'request':
      await runAs(bot, o.actor, `/role request ${o.role}${orgArg(o.org)} because`);
      return;
    case 'approve':
      await runAs(bot, o.actor, `/role approve ${o.id}`);
      return;
    case 'deny':
      await runAs(bot, o.actor, `/role deny ${o.id} no`);
      return;
    case 'offboard':
      await runAs(bot, o.actor, `/role offboard @${o.subject}${orgArg(o.org)}`);
      return;
    case 'leave':
      await bot.steward.memberLeft({ account: consoleAccount(o.subject) });
      return;
    case 'return':
      await bot.run(`/as ${o.subject}`);
      return;
    case 'wait':
      bot.clock.advance(40 * 60_000); // one-hour grants expire after two waits
      return;
  }
}

interface StoredGrant extends GrantFacts {
  id: string;
  memberId: string;
  grantedById: string | null;
  createdAt: Date;
  revokedById: string | null;
}

/** The grants a member held at an instant (given before it, not yet revoked or expired then). */
const heldAt = (grants: StoredGrant[], memberId: string, t: Date): GrantFacts[] =>
  grants
    .filter(
      (g) =>
        g.memberId === memberId &&
        g.createdAt < t &&
        (g.revokedAt === null || g.revokedAt > t) &&
        (g.expiresAt === null || g.expiresAt > t),
    )
    // Not yet revoked at that moment, whatever happened later (e.g. the granter left).
    .map((g) => ({ ...g, revokedAt: null }));

const scopeOf = (g: { orgId: string | null }): Exclude<Scope, 'any'> =>
  g.orgId === null ? 'global' : { orgId: g.orgId };
const detailOf = (e: AuditRecord) => JSON.parse(e.detail) as Record<string, unknown>;
const mentions = (e: AuditRecord, grantId: string) =>
  detailOf(e).grantId === grantId || ((detailOf(e).grantIds as string[] | undefined) ?? []).includes(grantId);

async function checkInvariants(bot: TestSteward) {
  const { catalogue } = bot.steward.services;
  const prisma = (bot.steward.services.store as PrismaStore).prisma;
  const grants = (await prisma.grant.findMany()) as StoredGrant[];
  const audit = (await prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } })) as AuditRecord[];
  const ok = audit.filter((e) => e.outcome === 'ok');

  for (const g of grants) {
    // 1. Given within the granter's own rights at that moment.
    if (g.grantedById !== null) {
      const had = heldAt(grants, g.grantedById, g.createdAt);
      const role = catalogue.get(g.role)!;
      for (const p of role.permissions) {
        expect(permits(catalogue, had, p, scopeOf(g), g.createdAt), `${g.role} gave ${p} the granter lacked`).toBe(
          true,
        );
      }
      if (!isSuperAdmin(had, g.createdAt)) {
        expect(role.rank).toBeLessThan(highestRank(catalogue, had, scopeOf(g), g.createdAt));
      }
      // 2. ... and inside a scope where the granter could assign or approve.
      const may = (['role.assign', 'role.approve'] as Permission[]).some((p) =>
        permits(catalogue, had, p, scopeOf(g), g.createdAt),
      );
      expect(may, `grant ${g.role}@${g.orgId} outside the granter's scopes`).toBe(true);
      // 3. Audited by the granter at that moment.
      expect(
        ok.some((e) => e.actorId === g.grantedById && e.at.getTime() === g.createdAt.getTime() && mentions(e, g.id)),
        `grant ${g.id} has no audit entry`,
      ).toBe(true);
    } else {
      expect(
        ok.some(
          (e) =>
            e.subjectId === g.memberId &&
            e.at.getTime() === g.createdAt.getTime() &&
            ['member.joined', 'role.bootstrap', 'member.returned'].includes(e.action),
        ),
        `system grant ${g.id} has no audit entry`,
      ).toBe(true);
    }
    if (g.revokedAt !== null) {
      expect(
        ok.some((e) => e.at.getTime() === g.revokedAt!.getTime() && mentions(e, g.id)),
        `revocation of ${g.id} has no audit entry`,
      ).toBe(true);
      // 2. Taken away only where the revoker could revoke (platform departures and expiry have no actor).
      if (g.revokedById !== null) {
        const had = heldAt(grants, g.revokedById, g.revokedAt);
        const may = (['role.revoke', 'role.offboard', 'audit.review'] as Permission[]).some((p) =>
          permits(catalogue, had, p, scopeOf(g), g.revokedAt!),
        );
        expect(may, `revocation of ${g.role}@${g.orgId} outside the revoker's scopes`).toBe(true);
      }
    }
  }

  // Departures and request decisions are on record too.
  for (const m of await prisma.member.findMany({ where: { status: 'departed' } })) {
    expect(
      ok.some(
        (e) => e.subjectId === m.id && ['role.offboard', 'member.left'].includes(e.action) && detailOf(e).departed,
      ),
    ).toBe(true);
  }
  for (const r of await prisma.roleRequest.findMany({ where: { status: { not: 'pending' } } })) {
    expect(
      ok.some(
        (e) =>
          e.at.getTime() === r.decidedAt!.getTime() &&
          (detailOf(e).requestId === r.id ||
            (e.subjectId === r.requesterId && ['role.offboard', 'member.left'].includes(e.action))),
      ),
      `decision on request #${r.id} has no audit entry`,
    ).toBe(true);
  }
  expect((await verifyAuditChain(bot.steward.services.store.repos.audit)).ok).toBe(true);
}

describe('access invariants under random operations', () => {
  it('hold for every sequence', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const bot = await startTestSteward();
        try {
          // Every step at its own instant, so "held at the time" is unambiguous.
          const step = async (line: string, as = 'alice') => {
            bot.clock.advance(1000);
            await runAs(bot, as, line);
          };
          await step('/org create acme Acme');
          await step('/org create beta Beta');
          for (const name of PEOPLE.slice(1)) await step('/role list', name);
          await step('/role assign @bob org_admin org:acme seed');
          await step('/role assign @carol org_admin org:beta seed');
          await step('/role assign @dave support org:acme seed');
          for (const o of ops) {
            bot.clock.advance(1000); // every operation at its own instant
            await apply(bot, o);
          }
          await checkInvariants(bot);
        } finally {
          await bot.close();
        }
      }),
      { numRuns: 15 },
    );
  });
});
