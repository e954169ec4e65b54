// What access governance holds about a member, for /privacy export and erase. Grants
// and the audit trail stay (they are the record of who could do what, and hold only
// ids); justifications are sealed under the member's own data key, so erasure
// (crypto-shredding) makes them unreadable; tags are deleted.
import type { PrivacyContributor } from '../privacy/contributor.js';
import { openJustification } from './requests.js';

export const accessPrivacy: PrivacyContributor = {
  area: 'access',
  async export(services, repos, memberId) {
    const env = { services, repos, now: services.clock.now() };
    const grants = await repos.grants.unrevokedFor(memberId);
    const requests = await repos.roleRequests.forMember(memberId);
    return {
      roles: grants.map((g) => ({
        role: g.role,
        scope: g.orgId ?? 'global',
        grantedAt: g.createdAt.toISOString(),
        expiresAt: g.expiresAt?.toISOString() ?? null,
        reason: g.reason,
      })),
      roleRequests: await Promise.all(
        requests.map(async (r) => ({
          id: r.id,
          role: r.role,
          scope: r.orgId ?? 'global',
          status: r.status,
          createdAt: r.createdAt.toISOString(),
          justification: await openJustification(env, r),
          decisionReason: r.decisionReason,
        })),
      ),
      tags: await repos.tags.forMember(memberId),
    };
  },
  async erase(_services, repos, memberId) {
    await repos.tags.removeAllFor(memberId);
  },
};
