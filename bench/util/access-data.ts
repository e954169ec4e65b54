// A deterministic organisation at scale, for the permission and access-review
// benchmarks: 1,000 members, 50 organisations, the 9 built-in roles plus 11 custom roles
// (from a configuration file, as an operator declares them), 100,000 unrevoked grants.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_IN_ROLES, GLOBAL_ONLY_ROLES } from '../../src/core/access/catalogue.js';
import { ALL_PERMISSIONS } from '../../src/core/access/permissions.js';
import type { BulkWriter, Cell } from './bulk.js';
import { benchId, intBelow, pick, seededRandom } from './random.js';

const DAY = 86_400_000;

export interface AccessDataSize {
  members: number;
  orgs: number;
  grants: number;
}

export const FULL_ACCESS_DATA: AccessDataSize = { members: 1_000, orgs: 50, grants: 100_000 };
export const QUICK_ACCESS_DATA: AccessDataSize = { members: 200, orgs: 50, grants: 10_000 };

const CUSTOM_ROLE_NAMES = [
  'event_host',
  'course_author',
  'mentor',
  'tutor',
  'billing',
  'auditor',
  'community_lead',
  'translator',
  'qa_tester',
  'partner_manager',
  'data_steward',
];

export interface CustomRole {
  name: string;
  rank: number;
  description: string;
  permissions: string[];
}

export interface AccessData {
  now: Date;
  memberIds: string[];
  orgIds: string[];
  customRoles: CustomRole[];
  /** Every role name: 9 built-in + 11 custom. */
  roles: string[];
}

export function customRoles(): CustomRole[] {
  const rand = seededRandom(20);
  return CUSTOM_ROLE_NAMES.map((name, i) => {
    const count = 4 + intBelow(rand, 9);
    const permissions = new Set<string>();
    while (permissions.size < count) permissions.add(pick(rand, ALL_PERMISSIONS));
    return { name, rank: 11 + i * 7, description: `Custom role ${name}`, permissions: [...permissions].sort() };
  });
}

/** The configuration file declaring the custom roles; returns its path (STEWARD_CONFIG_FILE). */
export function writeRolesConfig(dir: string, roles: readonly CustomRole[]): string {
  const file = path.join(dir, 'steward.json');
  writeFileSync(file, JSON.stringify({ roles }, null, 2));
  return file;
}

/**
 * Seeds members, organisations and grants. Every member holds `member`; two hold a global
 * super_admin; the rest are scoped grants of random roles in random organisations (1 in
 * 100 global), some expired, some expiring, most with a reason and a recent review.
 */
export async function seedAccessData(writer: BulkWriter, size: AccessDataSize, now = new Date()): Promise<AccessData> {
  const rand = seededRandom(42);
  const custom = customRoles();
  const roles = [...BUILT_IN_ROLES.map((r) => r.name), ...custom.map((r) => r.name)];
  const scopedRoles = roles.filter((r) => !GLOBAL_ONLY_ROLES.has(r));
  const globalRoles = scopedRoles.filter((r) => r !== 'org_admin');
  const memberIds = Array.from({ length: size.members }, (_, i) => benchId(1, i));
  const orgIds = Array.from({ length: size.orgs }, (_, i) => `org-${String(i + 1).padStart(2, '0')}`);
  const admins = memberIds.slice(0, 10);
  const ago = (maxDays: number) => new Date(now.getTime() - Math.floor(rand() * maxDays * DAY));

  await writer.insert(
    'Organisation',
    ['id', 'name', 'createdAt', 'createdBy'],
    orgIds.map((id) => [id, `Organisation ${id}`, ago(700), admins[0]!]),
  );
  await writer.insert(
    'Member',
    ['id', 'displayName', 'pseudonym', 'status', 'createdAt', 'lastActiveAt', 'departedAt'],
    memberIds.map((id, i) => {
      const departed = i >= 10 && rand() < 0.03;
      return [
        id,
        `Person ${i + 1}`,
        `Member B${String(i).padStart(5, '0')}`,
        departed ? 'departed' : 'active',
        ago(700),
        ago(180),
        departed ? ago(30) : null,
      ];
    }),
  );
  await writer.insert(
    'PlatformAccount',
    ['id', 'memberId', 'platform', 'workspaceId', 'userId', 'createdAt'],
    memberIds.map((id, i) => [benchId(2, i), id, 'console', 'local', `person${i + 1}`, ago(700)]),
  );

  function* grants(): Generator<Cell[]> {
    let n = 0;
    const grant = (memberId: string, role: string, orgId: string | null, system: boolean): Cell[] => {
      const createdAt = ago(365);
      const r = rand();
      const expiresAt = r < 0.05 ? ago(30) : r < 0.15 ? new Date(now.getTime() + (1 + intBelow(rand, 90)) * DAY) : null;
      return [
        benchId(3, n++),
        memberId,
        role,
        orgId,
        system ? null : pick(rand, admins),
        system ? 'first interaction' : rand() < 0.95 ? 'needed for the role' : null,
        createdAt,
        expiresAt,
        rand() < 0.7 ? ago(30) : null,
      ];
    };
    for (const id of memberIds) yield grant(id, 'member', null, true);
    yield grant(memberIds[0]!, 'super_admin', null, true);
    yield grant(memberIds[1]!, 'super_admin', null, true);
    // Scoped grants: distinct (member, role, organisation) triples, spread evenly over members.
    const perMember = Math.floor((size.grants - n) / size.members);
    let extra = size.grants - n - perMember * size.members;
    for (const memberId of memberIds) {
      const seen = new Set<string>();
      const want = perMember + (extra-- > 0 ? 1 : 0);
      while (seen.size < want) {
        const global = rand() < 0.01;
        const role = pick(rand, global ? globalRoles : scopedRoles);
        const orgId = global ? null : pick(rand, orgIds);
        const key = `${role}|${orgId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield grant(memberId, role, orgId, false);
      }
    }
  }
  await writer.insert(
    'Grant',
    ['id', 'memberId', 'role', 'orgId', 'grantedById', 'reason', 'createdAt', 'expiresAt', 'reviewedAt'],
    grants(),
  );
  return { now, memberIds, orgIds, customRoles: custom, roles };
}
