// The one evaluator: expired and revoked grants never count, scopes are respected, and
// the escalation rules hold (nobody gives what they lack or what outranks them).
import { describe, expect, it } from 'vitest';
import { RoleCatalogue } from '../../src/core/access/catalogue.js';
import {
  effectivePermissions,
  type GrantFacts,
  grantRefusal,
  isSuperAdmin,
  permits,
  revokeRefusal,
} from '../../src/core/access/evaluator.js';

const now = new Date('2026-11-02T09:00:00Z');
const catalogue = new RoleCatalogue([
  {
    name: 'auditor',
    rank: 30,
    description: 'reads and verifies the audit log',
    permissions: new Set(['audit.log', 'audit.verify']),
    builtIn: false,
  },
]);
const g = (role: string, orgId: string | null = null, extra: Partial<GrantFacts> = {}): GrantFacts => ({
  role,
  orgId,
  expiresAt: null,
  revokedAt: null,
  ...extra,
});
const role = (name: string) => catalogue.get(name)!;

describe('permits', () => {
  it('never counts an expired grant, even one second late, nor a revoked one', () => {
    expect(
      permits(
        catalogue,
        [g('support', null, { expiresAt: new Date(now.getTime() + 1000) })],
        'ticket.work',
        'global',
        now,
      ),
    ).toBe(true);
    expect(permits(catalogue, [g('support', null, { expiresAt: now })], 'ticket.work', 'global', now)).toBe(false);
    expect(permits(catalogue, [g('support', null, { revokedAt: now })], 'ticket.work', 'global', now)).toBe(false);
  });

  it('limits a scoped grant to its organisation; a global grant counts everywhere', () => {
    const scoped = [g('org_admin', 'acme')];
    expect(permits(catalogue, scoped, 'role.assign', { orgId: 'acme' }, now)).toBe(true);
    expect(permits(catalogue, scoped, 'role.assign', { orgId: 'beta' }, now)).toBe(false);
    expect(permits(catalogue, scoped, 'role.assign', 'global', now)).toBe(false);
    expect(permits(catalogue, scoped, 'role.assign', 'any', now)).toBe(true);
    expect(permits(catalogue, [g('org_admin')], 'role.assign', { orgId: 'beta' }, now)).toBe(true);
  });

  it('ignores roles the catalogue does not know', () => {
    expect(permits(catalogue, [g('wizard')], 'role.assign', 'global', now)).toBe(false);
  });

  it('unions permissions across grants in a scope', () => {
    const perms = effectivePermissions(catalogue, [g('support', 'acme'), g('editor', 'beta')], { orgId: 'acme' }, now);
    expect(perms.has('ticket.work')).toBe(true);
    expect(perms.has('content.edit')).toBe(false);
  });
});

describe('grantRefusal', () => {
  it('lets a super admin give anything, and nobody else give super_admin', () => {
    expect(grantRefusal(catalogue, [g('super_admin')], role('super_admin'), 'global', now)).toBeNull();
    expect(grantRefusal(catalogue, [g('org_admin')], role('super_admin'), 'global', now)).toEqual({
      kind: 'super-admin-only',
    });
    expect(isSuperAdmin([g('super_admin', null, { expiresAt: now })], now)).toBe(false);
  });

  it('refuses roles at or above the giver’s rank in that scope', () => {
    expect(grantRefusal(catalogue, [g('org_admin', 'acme')], role('org_admin'), { orgId: 'acme' }, now)).toMatchObject({
      kind: 'outranks',
      actorRank: 80,
    });
    expect(grantRefusal(catalogue, [g('org_admin', 'acme')], role('support'), { orgId: 'beta' }, now)).toMatchObject({
      kind: 'outranks',
    });
    expect(grantRefusal(catalogue, [g('org_admin', 'acme')], role('support'), { orgId: 'acme' }, now)).toBeNull();
  });

  it('refuses a role carrying a permission the giver lacks, naming it', () => {
    expect(grantRefusal(catalogue, [g('org_admin')], role('auditor'), 'global', now)).toEqual({
      kind: 'missing-permissions',
      missing: ['audit.verify'],
    });
  });

  it('does not count an expired grant as a right to give', () => {
    const expired = [g('org_admin', 'acme', { expiresAt: now })];
    expect(grantRefusal(catalogue, expired, role('support'), { orgId: 'acme' }, now)).toMatchObject({
      kind: 'outranks',
    });
  });
});

describe('revokeRefusal', () => {
  it('applies the same rank rule to taking away', () => {
    expect(revokeRefusal(catalogue, [g('org_admin', 'acme')], g('support', 'acme'), now)).toBeNull();
    expect(revokeRefusal(catalogue, [g('org_admin', 'acme')], g('org_admin', 'acme'), now)).toMatchObject({
      kind: 'outranks',
    });
    expect(revokeRefusal(catalogue, [g('org_admin', 'acme')], g('support', 'beta'), now)).toMatchObject({
      kind: 'outranks',
    });
    expect(revokeRefusal(catalogue, [g('org_admin')], g('super_admin'), now)).toEqual({ kind: 'super-admin-only' });
    expect(revokeRefusal(catalogue, [g('org_admin')], g('removed_role'), now)).toMatchObject({ kind: 'outranks' });
  });
});
