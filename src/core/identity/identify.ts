// Who is speaking: finds the member behind a platform account, creating one on first
// contact. A visitor becomes a `member` on first interaction; super admins come only
// from configuration, or (console adapter only, when none is configured) from being the
// first member of a fresh database.
import type { RoleCatalogue } from '../access/catalogue.js';
import { readmitReturningMember } from '../access/departures.js';
import { appendAudit } from '../audit/audit-log.js';
import { newId, newPseudonym } from '../ids.js';
import type { AccountRef, GrantRecord, MemberRecord, Repos } from '../ports.js';

export interface BootstrapPolicy {
  /** Accounts named in STEWARD_SUPER_ADMINS, as "platform:userId" or bare user ids/names. */
  superAdmins: readonly string[];
  /** Console adapter only: with no configured super admins, the first member of a fresh database becomes one. */
  firstMemberIsSuperAdmin: boolean;
}

/** Facts an adapter reports about an account; the core decides what they mean. */
export interface AccountFacts {
  /** The Slack workspace's primary owner or the Discord guild's owner. */
  isWorkspaceOwner?: boolean;
}

export type BootstrapReason = 'configured' | 'first-member' | 'workspace-owner';

export interface Identified {
  member: MemberRecord;
  created: boolean;
  /** Set when this call made the member a super admin, to tell the user. */
  bootstrapped?: BootstrapReason;
  /** The member's unrevoked grants, when they were read with the member and have not changed since. */
  grants?: GrantRecord[];
}

export function isConfiguredSuperAdmin(policy: BootstrapPolicy, account: AccountRef): boolean {
  return policy.superAdmins.some((entry) => {
    const [platform, id] = entry.includes(':') ? entry.split(':', 2) : [undefined, entry];
    return id === account.userId && (platform === undefined || platform === account.platform);
  });
}

const ACTIVITY_RESOLUTION_MS = 60_000;

const SUPER_ADMIN_BOOTSTRAP_KEY = 'bootstrap.super_admin';

async function createMember(repos: Repos, account: AccountRef, displayName: string, now: Date): Promise<MemberRecord> {
  for (let attempt = 0; ; attempt++) {
    const pseudonym = newPseudonym();
    if ((await repos.members.findByName(pseudonym)).length === 0 || attempt > 20) {
      return repos.members.create({ id: newId(), displayName, pseudonym, account, now });
    }
  }
}

/** Call inside a transaction. */
export async function identify(
  repos: Repos,
  catalogue: RoleCatalogue,
  policy: BootstrapPolicy,
  account: AccountRef,
  displayName: string,
  now: Date,
  facts: AccountFacts = {},
): Promise<Identified> {
  const found = await repos.members.findByAccountWithGrants(account);
  const existing = found?.member;
  if (existing?.status === 'departed') {
    // Someone who left comes back: `member` only, never their old roles (audited).
    return { member: await readmitReturningMember(repos, existing, now), created: false };
  }
  if (existing) {
    // Last activity feeds the review's dormancy flag, measured in days: recording it at
    // most once a minute spares read-only commands a write.
    if (now.getTime() - existing.lastActiveAt.getTime() < ACTIVITY_RESOLUTION_MS)
      return { member: existing, created: false, grants: found.grants };
    await repos.members.touch(existing.id, now);
    return { member: { ...existing, lastActiveAt: now }, created: false, grants: found.grants };
  }
  const isFresh = (await repos.members.count()) === 0;
  const member = await createMember(repos, account, displayName, now);
  await repos.grants.create({
    id: newId(),
    memberId: member.id,
    role: 'member',
    orgId: null,
    grantedById: null,
    reason: 'first interaction',
    createdAt: now,
    expiresAt: null,
  });
  await appendAudit(
    repos.audit,
    { actorId: null, action: 'member.joined', subjectId: member.id, detail: { role: 'member' } },
    now,
  );

  let bootstrapped: Identified['bootstrapped'];
  if (isConfiguredSuperAdmin(policy, account)) bootstrapped = 'configured';
  else if (policy.superAdmins.length === 0 && facts.isWorkspaceOwner) bootstrapped = 'workspace-owner';
  else if (
    policy.firstMemberIsSuperAdmin &&
    policy.superAdmins.length === 0 &&
    isFresh &&
    (await repos.settings.get(SUPER_ADMIN_BOOTSTRAP_KEY)) === null
  ) {
    bootstrapped = 'first-member';
  }
  if (bootstrapped && catalogue.get('super_admin')) {
    await grantBootstrapSuperAdmin(repos, member.id, bootstrapped, now);
  }
  return { member, created: true, bootstrapped };
}

/**
 * An existing member may become super admin later: configuration now lists them, or
 * (with nobody configured) the platform reports them as the workspace owner. The owner
 * rule applies once per member, so an owner whose role was revoked on purpose does not
 * silently get it back.
 */
export async function ensureConfiguredSuperAdmin(
  repos: Repos,
  policy: BootstrapPolicy,
  member: MemberRecord,
  account: AccountRef,
  now: Date,
  facts: AccountFacts,
  /** The member's unrevoked grants, as the caller already loaded them. */
  grants: readonly GrantRecord[],
): Promise<BootstrapReason | null> {
  if (member.status !== 'active') return null;
  let how: BootstrapReason | null = null;
  if (isConfiguredSuperAdmin(policy, account)) how = 'configured';
  else if (policy.superAdmins.length === 0 && facts.isWorkspaceOwner) {
    if ((await repos.settings.get(`bootstrap.owner.${member.id}`)) === null) how = 'workspace-owner';
  }
  if (!how) return null;
  const holds = grants.some(
    (g) => g.role === 'super_admin' && g.orgId === null && (g.expiresAt === null || g.expiresAt > now),
  );
  if (holds) return null;
  await grantBootstrapSuperAdmin(repos, member.id, how, now);
  return how;
}

async function grantBootstrapSuperAdmin(repos: Repos, memberId: string, how: BootstrapReason, now: Date) {
  await repos.grants.create({
    id: newId(),
    memberId,
    role: 'super_admin',
    orgId: null,
    grantedById: null,
    reason: {
      configured: 'listed in STEWARD_SUPER_ADMINS',
      'first-member': 'first member of a new console database',
      'workspace-owner': 'workspace or guild owner (STEWARD_SUPER_ADMINS is empty)',
    }[how],
    createdAt: now,
    expiresAt: null,
  });
  await repos.settings.set(SUPER_ADMIN_BOOTSTRAP_KEY, memberId);
  if (how === 'workspace-owner') await repos.settings.set(`bootstrap.owner.${memberId}`, now.toISOString());
  await appendAudit(
    repos.audit,
    { actorId: null, action: 'role.bootstrap', subjectId: memberId, detail: { role: 'super_admin', how } },
    now,
  );
}
