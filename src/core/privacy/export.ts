// /privacy export: everything Steward stores about the member, decrypted, as one JSON
// document. The profile, accounts and roles come from here; each feature area adds its
// own part through its PrivacyContributor.
import type { Services } from '../../services.js';
import type { MemberRecord, Repos } from '../ports.js';
import type { PrivacyContributor } from './contributor.js';

export const EXPORT_FORMAT = 'steward-export/1';
const RESERVED = new Set(['format', 'generatedAt', 'profile', 'accounts', 'roles']);

export async function buildExport(
  services: Services,
  repos: Repos,
  contributors: readonly PrivacyContributor[],
  member: MemberRecord,
  now: Date,
): Promise<Record<string, unknown>> {
  const grants = await repos.grants.unrevokedFor(member.id);
  const document: Record<string, unknown> = {
    format: EXPORT_FORMAT,
    generatedAt: now.toISOString(),
    profile: {
      id: member.id,
      displayName: member.displayName,
      pseudonym: member.pseudonym,
      status: member.status,
      memberSince: member.createdAt.toISOString(),
      lastActiveAt: member.lastActiveAt.toISOString(),
    },
    accounts: await repos.members.accounts(member.id),
    roles: grants.map((g) => ({
      role: g.role,
      organisation: g.orgId,
      since: g.createdAt.toISOString(),
      expires: g.expiresAt?.toISOString() ?? null,
      reason: g.reason,
    })),
  };
  for (const contributor of contributors) {
    if (RESERVED.has(contributor.area) || contributor.area in document) {
      throw new Error(`privacy contributor area "${contributor.area}" is used twice`);
    }
    document[contributor.area] = await contributor.export(services, repos, member.id);
  }
  return document;
}
