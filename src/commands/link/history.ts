// Which feature areas hold data about a member, asked through the privacy contributors
// (every area that stores personal data registers one). /link uses it to make sure a
// merge never leaves rows pointing at a deleted member.

import { privacyContributors } from '../../subscribers.js';
import type { CommandContext } from '../context.js';

/** True for values that carry nothing: null, '', 0, false, [] and objects of only such values. */
export function isEmptyExport(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isEmptyExport);
  return false;
}

/** Parts of an area's export that /link moves itself, so they never block a merge. */
const MOVED_BY_LINK: Record<string, string[]> = { access: ['roles'] };

export function historyProbe(ctx: CommandContext) {
  return async (memberId: string): Promise<string[]> => {
    const areas: string[] = [];
    for (const contributor of privacyContributors(ctx.services)) {
      const data = await contributor.export(ctx.services, ctx.repos, memberId);
      const moved = MOVED_BY_LINK[contributor.area] ?? [];
      const rest =
        data && typeof data === 'object' && !Array.isArray(data)
          ? Object.fromEntries(Object.entries(data).filter(([key]) => !moved.includes(key)))
          : data;
      if (!isEmptyExport(rest)) areas.push(contributor.area);
    }
    return areas;
  };
}
