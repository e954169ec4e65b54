// How people appear in relay messages: members by pseudonym (unless the reader may see
// identities), staff by display name. Also: who counts as verified staff.
import type { RoleCatalogue } from '../access/catalogue.js';
import { isActiveGrant, permits } from '../access/evaluator.js';
import { notFound } from '../errors.js';
import type { GrantRecord, MemberRecord, Repos } from '../ports.js';

/** A role is a staff role when it lets its holder reply to members as verified staff. */
export const STAFF_PERMISSION = 'relay.reply' as const;

/** The staff roles a member holds right now (any scope); empty for non-staff. */
export function staffRolesHeld(catalogue: RoleCatalogue, grants: readonly GrantRecord[], now: Date): string[] {
  const roles = grants
    .filter((g) => isActiveGrant(g, now) && catalogue.get(g.role)?.permissions.has(STAFF_PERMISSION))
    .map((g) => (g.orgId ? `${g.role} (${g.orgId})` : g.role));
  return [...new Set(roles)];
}

export function isStaff(catalogue: RoleCatalogue, grants: readonly GrantRecord[], now: Date): boolean {
  return permits(catalogue, grants, STAFF_PERMISSION, 'any', now);
}

/** Looks members up once per command, however many rows mention them. */
export class People {
  private readonly seen = new Map<string, Promise<MemberRecord | null>>();

  constructor(private readonly repos: Repos) {}

  get(id: string): Promise<MemberRecord | null> {
    let found = this.seen.get(id);
    if (!found) {
      found = this.repos.members.findById(id);
      this.seen.set(id, found);
    }
    return found;
  }

  async require(id: string): Promise<MemberRecord> {
    const member = await this.get(id);
    if (!member) throw notFound('That member no longer exists.');
    return member;
  }

  /** Pseudonym of a member, e.g. "Member 7F3A". */
  async pseudonym(id: string): Promise<string> {
    return (await this.get(id))?.pseudonym ?? 'a former member';
  }

  /** A staff member's display name (staff act under their names). */
  async staffName(id: string | null): Promise<string> {
    if (!id) return 'Steward';
    const m = await this.get(id);
    return m && m.status !== 'erased' ? m.displayName : 'a former staff member';
  }
}

/** "Alice (Member 7F3A)" for readers who may see identities, else "Member 7F3A". */
export function shownAs(member: MemberRecord, reveal: boolean): string {
  return reveal && member.status !== 'erased' ? `${member.displayName} (${member.pseudonym})` : member.pseudonym;
}
