// The one place where Steward decides whether a member may do something.
// Pure: grants in, yes/no out. Expired or revoked grants never count, whether or not a
// sweep has run yet.
import type { RoleCatalogue } from './catalogue.js';
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

export function permits(
  catalogue: RoleCatalogue,
  grants: readonly GrantFacts[],
  permission: Permission,
  scope: Scope,
  now: Date,
): boolean {
  for (const grant of grants) {
    if (!isActiveGrant(grant, now) || !inScope(grant, scope)) continue;
    if (catalogue.get(grant.role)?.permissions.has(permission)) return true;
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
