// Permission checks: Steward's one evaluator, permits(), against the same policy in
// casbin (RBAC with domains) and CASL, on the same random sequence of checks in the
// same run. Grants come from a temporary database, loaded per member the way the
// dispatcher loads them (repos.grants.unrevokedFor), then checked in memory.
import { createMongoAbility, type MongoAbility, subject } from '@casl/ability';
import { type Enforcer, newEnforcer, newModelFromString } from 'casbin';
import type { RoleCatalogue } from '../src/core/access/catalogue.js';
import { isActiveGrant, permits, type Scope } from '../src/core/access/evaluator.js';
import { ALL_PERMISSIONS, type Permission } from '../src/core/access/permissions.js';
import type { GrantRecord } from '../src/core/ports.js';
import {
  type AccessData,
  FULL_ACCESS_DATA,
  QUICK_ACCESS_DATA,
  seedAccessData,
  writeRolesConfig,
} from './util/access-data.js';
import { openBulkWriter } from './util/bulk.js';
import type { Benchmark } from './util/context.js';
import { intBelow, seededRandom } from './util/random.js';
import { figure } from './util/results.js';
import { startBenchSteward } from './util/steward.js';

/** A check: indexes into members, permissions and scopes. */
interface Checks {
  count: number;
  member: Uint16Array;
  permission: Uint8Array;
  /** 0 = any, 1 = global, 2.. = organisation (index - 2). */
  scope: Uint8Array;
}

function randomChecks(count: number, members: number, orgs: number): Checks {
  const rand = seededRandom(7);
  const checks: Checks = {
    count,
    member: new Uint16Array(count),
    permission: new Uint8Array(count),
    scope: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    checks.member[i] = intBelow(rand, members);
    checks.permission[i] = intBelow(rand, ALL_PERMISSIONS.length);
    const s = rand();
    // Most checks are "in this organisation"; some global, some "anywhere" (help listings).
    checks.scope[i] = s < 0.1 ? 0 : s < 0.2 ? 1 : 2 + intBelow(rand, orgs);
  }
  return checks;
}

/** The casbin model: permissions per role (p), member-role links per organisation (g); "*" is global, "@any" any scope. */
const CASBIN_MODEL = `
[request_definition]
r = sub, dom, act

[policy_definition]
p = sub, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.act == p.act && (g(r.sub, p.sub, r.dom) || g(r.sub, p.sub, "*"))
`;

interface Evaluator {
  name: string;
  check(member: number, permission: number, scope: number): boolean;
}

function stewardEvaluator(catalogue: RoleCatalogue, grants: GrantRecord[][], orgIds: string[], now: Date): Evaluator {
  const scopes: Scope[] = ['any', 'global', ...orgIds.map((orgId) => ({ orgId }))];
  return {
    name: 'steward',
    check: (m, p, s) => permits(catalogue, grants[m]!, ALL_PERMISSIONS[p]!, scopes[s]!, now),
  };
}

async function casbinEvaluator(
  catalogue: RoleCatalogue,
  data: AccessData,
  grants: GrantRecord[][],
): Promise<{ evaluator: Evaluator; policies: number; links: number }> {
  const enforcer: Enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL));
  const policies: string[][] = [];
  for (const role of data.roles) for (const p of catalogue.get(role)!.permissions) policies.push([role, p]);
  await enforcer.addPolicies(policies);
  const links = new Set<string>();
  grants.forEach((list, m) => {
    for (const g of list) {
      if (!isActiveGrant(g, data.now)) continue; // casbin has no clock: expired grants are left out when loading
      links.add(`${m}\u0000${g.role}\u0000${g.orgId ?? '*'}`);
      if (g.orgId) links.add(`${m}\u0000${g.role}\u0000@any`);
    }
  });
  const linkRows = [...links].map((l) => l.split('\u0000'));
  await enforcer.addGroupingPolicies(linkRows);
  const domains = ['@any', '*', ...data.orgIds];
  return {
    evaluator: {
      name: 'casbin',
      check: (m, p, s) => enforcer.enforceSync(String(m), domains[s]!, ALL_PERMISSIONS[p]!),
    },
    policies: policies.length,
    links: linkRows.length,
  };
}

function caslEvaluator(
  catalogue: RoleCatalogue,
  data: AccessData,
  grants: GrantRecord[][],
): { evaluator: Evaluator; rules: number } {
  // CASL's idiom: one Ability per user, built from their active grants when they log in.
  // Per permission, an unconditional rule (a global grant gives it everywhere) or one
  // rule limited to the organisations whose grants give it.
  let rules = 0;
  const abilities: MongoAbility[] = grants.map((list) => {
    const global = new Set<Permission>();
    const orgs = new Map<Permission, Set<string>>();
    for (const g of list) {
      if (!isActiveGrant(g, data.now)) continue;
      for (const p of catalogue.get(g.role)?.permissions ?? []) {
        if (g.orgId === null) global.add(p);
        else orgs.set(p, (orgs.get(p) ?? new Set()).add(g.orgId));
      }
    }
    const raw = [
      ...[...global].map((action) => ({ action, subject: 'Scope' })),
      ...[...orgs]
        .filter(([p]) => !global.has(p))
        .map(([action, set]) => ({ action, subject: 'Scope', conditions: { orgId: { $in: [...set] } } })),
    ];
    rules += raw.length;
    return createMongoAbility(raw);
  });
  const scopes = [
    'Scope',
    subject('Scope', { orgId: null }),
    ...data.orgIds.map((orgId) => subject('Scope', { orgId })),
  ] as const;
  return {
    evaluator: {
      name: 'casl',
      check: (m, p, s) => abilities[m]!.can(ALL_PERMISSIONS[p]!, scopes[s] as never),
    },
    rules,
  };
}

/** Mean ns per check over `count` checks of the sequence (after a warm-up that is not timed). */
function timeChecks(evaluator: Evaluator, checks: Checks, count: number): { nsPerCheck: number; allowed: number } {
  const { member, permission, scope } = checks;
  const warm = Math.min(20_000, count);
  for (let i = 0; i < warm; i++) evaluator.check(member[i]!, permission[i]!, scope[i]!);
  let allowed = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) if (evaluator.check(member[i]!, permission[i]!, scope[i]!)) allowed++;
  return { nsPerCheck: Number(process.hrtime.bigint() - start) / count, allowed };
}

/** The three must agree: compare them on the first `sample` checks. */
function compareAnswers(evaluators: Evaluator[], checks: Checks, sample: number): void {
  const [reference, ...others] = evaluators;
  for (let i = 0; i < sample; i++) {
    const m = checks.member[i]!;
    const p = checks.permission[i]!;
    const s = checks.scope[i]!;
    const expected = reference!.check(m, p, s);
    for (const other of others) {
      if (other.check(m, p, s) !== expected) {
        throw new Error(
          `permissions: ${other.name} answers ${!expected} where ${reference!.name} answers ${expected} (check #${i}: member ${m}, ${ALL_PERMISSIONS[p]}, scope ${s}); the policies are not the same`,
        );
      }
    }
  }
}

export const permissionsBenchmark: Benchmark = {
  name: 'permissions',
  description: 'permits() vs casbin vs CASL on the same policy and the same 1,000,000 random checks',
  async run(ctx) {
    const size = ctx.quick ? QUICK_ACCESS_DATA : FULL_ACCESS_DATA;
    const count = ctx.quick ? 100_000 : 1_000_000;
    const db = await ctx.databases.fresh('sqlite', 'permissions');
    const writer = await openBulkWriter(db);
    ctx.log(`permissions: seeding ${size.grants} grants over ${size.members} members, ${size.orgs} organisations`);
    const data = await seedAccessData(writer, size);
    await writer.close();
    const steward = await startBenchSteward(db, { STEWARD_CONFIG_FILE: writeRolesConfig(db.dir, data.customRoles) });
    try {
      const { catalogue } = steward.services;
      if (catalogue.all().length !== 20)
        throw new Error(`expected 20 roles, the catalogue has ${catalogue.all().length}`);
      // As the dispatcher has them: each member's unrevoked grants, from the store.
      const grants: GrantRecord[][] = [];
      for (const id of data.memberIds) grants.push(await steward.services.store.repos.grants.unrevokedFor(id));
      const loaded = grants.reduce((n, g) => n + g.length, 0);
      if (loaded !== size.grants) throw new Error(`loaded ${loaded} grants, seeded ${size.grants}`);

      ctx.log('permissions: building the casbin and CASL policies');
      const steward_ = stewardEvaluator(catalogue, grants, data.orgIds, data.now);
      const casbin = await casbinEvaluator(catalogue, data, grants);
      const casl = caslEvaluator(catalogue, data, grants);
      const checks = randomChecks(count, size.members, size.orgs);
      const sample = Math.min(count, 20_000);
      compareAnswers([steward_, casbin.evaluator, casl.evaluator], checks, sample);

      // casbin walks every policy line per check; a full million would take minutes on a
      // shared machine, so it runs the first part of the same sequence (said in the note).
      const casbinCount = Math.min(count, ctx.quick ? 20_000 : 100_000);
      ctx.log(`permissions: ${count} checks (steward, CASL), ${casbinCount} (casbin)`);
      const s = timeChecks(steward_, checks, count);
      const c = timeChecks(casl.evaluator, checks, count);
      const b = timeChecks(casbin.evaluator, checks, casbinCount);
      const what = `${size.grants} grants, ${size.members} members, 20 roles, ${size.orgs} organisations; ${count} random checks`;
      return [
        figure('permissions', 'steward permits()', s.nsPerCheck, 'ns/check', {
          note: `${what}; ${((100 * s.allowed) / count).toFixed(1)}% allowed`,
        }),
        figure('permissions', 'casl ability.can()', c.nsPerCheck, 'ns/check', {
          note: `${casl.rules} rules in ${size.members} abilities`,
        }),
        figure('permissions', 'casbin enforceSync()', b.nsPerCheck, 'ns/check', {
          note: `${casbin.policies} policies, ${casbin.links} role links; first ${casbinCount} checks of the same sequence`,
        }),
        figure('permissions', 'casl / steward', c.nsPerCheck / s.nsPerCheck, '×', {
          target: { op: '>=', value: 1 },
          note: 'how many times faster Steward is (must be above 1)',
        }),
        figure('permissions', 'casbin / steward', b.nsPerCheck / s.nsPerCheck, '×', {
          target: { op: '>=', value: 1 },
          note: 'how many times faster Steward is (must be above 1)',
        }),
        figure('permissions', 'answers agree', sample, 'checks', {
          note: 'steward, casbin and CASL gave the same answer on each of the first checks',
        }),
      ];
    } finally {
      await steward.close();
    }
  },
};
