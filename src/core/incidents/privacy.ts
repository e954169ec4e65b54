// Security incidents about a member, for /privacy export. Erasure keeps them: they are
// security records, they name the member only by pseudonymous id and pseudonym, and the
// member's identity itself is erased.
import type { PrivacyContributor } from '../privacy/contributor.js';
import { incidentCode } from '../relay/codes.js';
import type { AreaEnv } from '../relay/env.js';
import { incidentSummary } from './incidents.js';

export const incidentPrivacy: PrivacyContributor = {
  area: 'incidents',
  async export(services, repos, memberId) {
    const env: AreaEnv = { services, repos, now: services.clock.now() };
    const out = [];
    for (const i of await repos.incidents.about(memberId)) {
      out.push({
        ref: incidentCode(i.number),
        severity: i.severity,
        source: i.source,
        status: i.status,
        openedAt: i.openedAt.toISOString(),
        summary: await incidentSummary(env, i),
      });
    }
    return out;
  },
  async erase() {},
};
