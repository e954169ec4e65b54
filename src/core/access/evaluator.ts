// The one place where Steward decides whether a member may do something.
// Pure: grants in, yes/no out. Expired or revoked grants never count, whether or not a
// sweep has run yet.
import type { RoleCatalogue, RoleDefinition } from './catalogue.js';
import type { Permission } from './permissions.js';

export interface GrantFacts {
  role: string;
  orgId: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Where an action applies. `global`: only unscoped grants count. `{orgId}`: unscoped grants
 * and grants for that organisation count. `any`: a grant in any scope counts (used for
 * "may this person use the command at all", e.g. help listings).
 */
export type Scope = 'global' | 'any' | { orgId: string };

export function isActiveGrant(grant: GrantFacts, now: Date): boolean {
  return grant.revokedAt === null && (grant.expiresAt === null || grant.expiresAt.getTime() > now.getTime());
}

function inScope(grant: GrantFacts, scope: Scope): boolean {
  if (grant.orgId === null || scope === 'any') return true;
  if (scope === 'global') return false;
  return grant.orgId === scope.orgId;
}

/** A grant as the index keeps it: only what a decision needs. */
interface IndexedGrant {
  orgId: string | null;
  /** Epoch ms; Infinity when it never expires. */
  expiresAt: number;
}

/**
 * The grants of one member, turned around: for each permission, the grants that confer
 * it. Built once per grants array (the dispatcher's snapshot of the invoker's grants)
 * and reused for every check against it, so a check touches only the grants that could
 * say yes. Revoked grants are left out; expiry is compared at check time.
 */
interface GrantIndex {
  length: number;
  catalogue: RoleCatalogue;
  byPermission: Map<Permission, IndexedGrant[]>;
}

const indexes = new WeakMap<readonly GrantFacts[], GrantIndex>();

function indexOf(catalogue: RoleCatalogue, grants: readonly GrantFacts[]): GrantIndex {
  const cached = indexes.get(grants);
  // Grants arrays are snapshots; the length check guards against one being appended to.
  if (cached && cached.length === grants.length && cached.catalogue === catalogue) return cached;
  const byPermission = new Map<Permission, IndexedGrant[]>();
  for (const grant of grants) {
    if (grant.revokedAt !== null) continue;
    const role = catalogue.get(grant.role);
    if (!role) continue;
    const entry = { orgId: grant.orgId, expiresAt: grant.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY };
    for (const permission of role.permissions) {
      const list = byPermission.get(permission);
      if (list) list.push(entry);
      else byPermission.set(permission, [entry]);
    }
  }
  const index = { length: grants.length, catalogue, byPermission };
  indexes.set(grants, index);
  return index;
}

export function permits(
  catalogue: RoleCatalogue,
  grants: readonly GrantFacts[],
  permission: Permission,
  scope: Scope,
  now: Date,
): boolean {
  const candidates = indexOf(catalogue, grants).byPermission.get(permission);
  if (!candidates) return false;
  const t = now.getTime();
  const orgId = typeof scope === 'object' ? scope.orgId : null;
  for (const grant of candidates) {
    if (grant.expiresAt <= t) continue;
    if (grant.orgId === null || scope === 'any' || grant.orgId === orgId) return true;
  }
  return false;
}

/** Every permission the grants give in a scope. */
export function effectivePermissions(
  catalogue: RoleCatalogue,
  grants: readonly GrantFacts[],
  scope: Scope,
  now: Date,
): Set<Permission> {
  const result = new Set<Permission>();
  for (const grant of grants) {
    if (!isActiveGrant(grant, now) || !inScope(grant, scope)) continue;
    for (const p of catalogue.get(grant.role)?.permissions ?? []) result.add(p);
  }
  return result;
}

/** The highest rank among active grants in a scope (-1 when none). */
export function highestRank(catalogue: RoleCatalogue, grants: readonly GrantFacts[], scope: Scope, now: Date): number {
  let rank = -1;
  for (const grant of grants) {
    if (!isActiveGrant(grant, now) || !inScope(grant, scope)) continue;
    rank = Math.max(rank, catalogue.get(grant.role)?.rank ?? -1);
  }
  return rank;
}

/** Holds an active, unscoped super_admin grant. */
export function isSuperAdmin(grants: readonly GrantFacts[], now: Date): boolean {
  for (const grant of grants) {
    if (grant.role === 'super_admin' && grant.orgId === null && isActiveGrant(grant, now)) return true;
  }
  return false;
}

/** Why an actor may not give (or decide a request for) a role in a scope; null when they may. */
export type GrantRefusal =
  | { kind: 'super-admin-only' }
  | { kind: 'outranks'; actorRank: number }
  | { kind: 'missing-permissions'; missing: Permission[] };

/**
 * The escalation rules: only a super admin gives `super_admin`; otherwise nobody gives a
 * role at or above their own highest rank in that scope, nor one carrying a permission
 * they do not hold there. Super admins may give anything.
 */
export function grantRefusal(
  catalogue: RoleCatalogue,
  actorGrants: readonly GrantFacts[],
  role: RoleDefinition,
  scope: Exclude<Scope, 'any'>,
  now: Date,
): GrantRefusal | null {
  if (isSuperAdmin(actorGrants, now)) return null;
  if (role.name === 'super_admin') return { kind: 'super-admin-only' };
  const actorRank = highestRank(catalogue, actorGrants, scope, now);
  if (role.rank >= actorRank) return { kind: 'outranks', actorRank };
  const missing: Permission[] = [];
  for (const p of role.permissions) if (!permits(catalogue, actorGrants, p, scope, now)) missing.push(p);
  return missing.length ? { kind: 'missing-permissions', missing } : null;
}

/**
 * Whether an actor may take a grant away: the same rank rule as giving it (a role the
 * catalogue no longer knows can be removed by super admins only).
 */
export function revokeRefusal(
  catalogue: RoleCatalogue,
  actorGrants: readonly GrantFacts[],
  grant: Pick<GrantFacts, 'role' | 'orgId'>,
  now: Date,
): GrantRefusal | null {
  if (isSuperAdmin(actorGrants, now)) return null;
  if (grant.role === 'super_admin') return { kind: 'super-admin-only' };
  const scope: Exclude<Scope, 'any'> = grant.orgId === null ? 'global' : { orgId: grant.orgId };
  const actorRank = highestRank(catalogue, actorGrants, scope, now);
  const rank = catalogue.get(grant.role)?.rank ?? Number.POSITIVE_INFINITY;
  return rank >= actorRank ? { kind: 'outranks', actorRank } : null;
}
