// Table-driven: every command in the registry x every built-in role x a grant that is
// in scope, out of scope or expired. The decision is the dispatcher's own (`ctx.can`
// from buildContext, i.e. the one evaluator); the expectation comes from the role's
// documented permission set. The table grows by itself as commands are added.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/commands/dispatch.js';
import { ALL_COMMANDS } from '../../src/commands/index.js';
import { type CommandSpec, commandPath } from '../../src/commands/registry.js';
import { BUILT_IN_ROLES, GLOBAL_ONLY_ROLES, RoleCatalogue } from '../../src/core/access/catalogue.js';
import type { Scope } from '../../src/core/access/evaluator.js';
import { isPermission } from '../../src/core/access/permissions.js';
import type { GrantRecord, MemberRecord, Repos } from '../../src/core/ports.js';
import type { Services } from '../../src/services.js';

const now = new Date('2026-11-02T09:00:00Z');
const catalogue = new RoleCatalogue();
const visitor = catalogue.get('visitor')!;

/** Where the command's permission must hold when its organisation arguments name "acme". */
function targetScope(spec: CommandSpec): Scope {
  if (!spec.scope) return 'any';
  const args = Object.fromEntries(
    Object.entries(spec.args).map(([name, a]) => [
      name,
      a.kind === 'org' ? 'acme' : a.kind === 'int' ? 1 : a.kind === 'choice' ? a.choices?.[0] : 'x',
    ]),
  );
  return spec.scope(args as never);
}

const member: MemberRecord = {
  id: 'm1',
  displayName: 'pat',
  pseudonym: 'Member 0001',
  status: 'active',
  createdAt: now,
  lastActiveAt: now,
  departedAt: null,
};

function grant(role: string, orgId: string | null, expiresAt: Date | null = null): GrantRecord {
  return {
    id: 'g1',
    memberId: member.id,
    role,
    orgId,
    grantedById: null,
    reason: 'test',
    createdAt: new Date(now.getTime() - 86_400_000),
    expiresAt,
    revokedAt: null,
    revokedById: null,
    revokeReason: null,
    reviewedAt: null,
    expiryWarnedAt: null,
  };
}

function decide(spec: CommandSpec, grants: GrantRecord[]): boolean {
  const services = { catalogue } as unknown as Services;
  const ctx = buildContext(
    services,
    {} as Repos,
    { member, account: { platform: 'console', workspaceId: 'local', userId: 'pat' }, grants },
    null,
    now,
    () => null,
  );
  return ctx.can(spec.permission, targetScope(spec));
}

type Case = 'in-scope' | 'out-of-scope' | 'expired';

function grantFor(role: string, target: Scope, c: Case): GrantRecord {
  const scoped = typeof target === 'object' || target === 'any';
  const home = GLOBAL_ONLY_ROLES.has(role) || !scoped ? null : 'acme';
  if (c === 'in-scope') return grant(role, home);
  if (c === 'expired') return grant(role, home, new Date(now.getTime() - 1000));
  // Out of scope: the same role, but for another organisation.
  return grant(role, 'beta');
}

function expected(spec: CommandSpec, role: string, target: Scope, c: Case): boolean {
  if (visitor.permissions.has(spec.permission)) return true; // everyone, even without a grant
  const has = catalogue.get(role)!.permissions.has(spec.permission);
  if (c === 'expired') return false;
  if (c === 'out-of-scope') return target === 'any' && has; // "any" accepts a grant in any organisation
  return has;
}

const rows = ALL_COMMANDS.flatMap((spec) =>
  BUILT_IN_ROLES.flatMap((role) =>
    (['in-scope', 'out-of-scope', 'expired'] as const).map((c) => ({
      command: `/${commandPath(spec)}`,
      role: role.name,
      case: c,
      spec,
    })),
  ),
);

describe('every command x every built-in role x in scope / out of scope / expired', () => {
  it('covers the whole registry', () => {
    expect(ALL_COMMANDS.length).toBeGreaterThan(20);
    expect(rows).toHaveLength(ALL_COMMANDS.length * BUILT_IN_ROLES.length * 3);
    for (const spec of ALL_COMMANDS) expect(isPermission(spec.permission), commandPath(spec)).toBe(true);
  });

  it.each(rows)('$command as $role ($case)', ({ spec, role, case: c }) => {
    const target = targetScope(spec);
    expect(decide(spec, [grantFor(role, target, c)])).toBe(expected(spec, role, target, c));
  });
});

describe('the documented role/permission table', () => {
  const can = (role: string, command: string) => {
    const spec = ALL_COMMANDS.find((s) => commandPath(s) === command)!;
    return decide(spec, [grant(role, GLOBAL_ONLY_ROLES.has(role) ? null : 'acme')]);
  };

  it.each([
    ['super_admin', ['role assign', 'role catalog', 'audit verify', 'org create', 'role sweep'], []],
    [
      'org_admin',
      ['role assign', 'role revoke', 'role approve', 'audit review', 'tag add'],
      ['audit verify', 'org create', 'role sweep'],
    ],
    ['support', ['tag list', 'role request'], ['role assign', 'role approve', 'tag add', 'audit log']],
    ['moderator', ['tag list'], ['role assign', 'audit review']],
    ['member', ['role request', 'role list', 'role catalog'], ['role assign', 'tag list', 'org create']],
    ['visitor', ['steward help'], ['role request', 'role list']],
  ] as const)('%s', (role, allowed, refused) => {
    for (const c of allowed) expect(can(role, c), `${role} may run /${c}`).toBe(true);
    for (const c of refused) expect(can(role, c), `${role} may not run /${c}`).toBe(false);
  });

  it('refuses everything but visitor permissions to a departed member, whatever they hold', () => {
    const services = { catalogue } as unknown as Services;
    const ctx = buildContext(
      services,
      {} as Repos,
      {
        member: { ...member, status: 'departed' },
        account: { platform: 'console', workspaceId: 'local', userId: 'pat' },
        grants: [grant('super_admin', null)],
      },
      null,
      now,
      () => null,
    );
    expect(ctx.can('role.assign', 'global')).toBe(false);
    expect(ctx.can('steward.help', 'global')).toBe(true);
  });
});
