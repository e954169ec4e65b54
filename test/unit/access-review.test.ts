// Access-review flags, the error rate and the CSV/JSON exports, from plain records.
import { describe, expect, it } from 'vitest';
import { RoleCatalogue } from '../../src/core/access/catalogue.js';
import type { HolderFacts } from '../../src/core/access/records.js';
import { type AccessReview, errorRateText, flagsFor, reviewToCsv, reviewToJson } from '../../src/core/access/review.js';
import type { GrantRecord } from '../../src/core/ports.js';

const now = new Date('2026-11-02T09:00:00Z');
const DAY = 86_400_000;
const catalogue = new RoleCatalogue();
const policy = { dormantDays: 90, reviewPeriodDays: 30 };

const grant = (over: Partial<GrantRecord> = {}): GrantRecord => ({
  id: 'g-1',
  memberId: 'm-1',
  role: 'support',
  orgId: 'acme',
  grantedById: 'm-2',
  reason: 'rota',
  createdAt: new Date(now.getTime() - DAY),
  expiresAt: null,
  revokedAt: null,
  revokedById: null,
  revokeReason: null,
  reviewedAt: null,
  expiryWarnedAt: null,
  ...over,
});
const holder = (over: Partial<HolderFacts> = {}): HolderFacts => ({
  id: 'm-1',
  displayName: 'carol',
  status: 'active',
  lastActiveAt: now,
  ...over,
});

describe('flags', () => {
  it('flags nothing on a fresh, reasoned grant to an active member', () => {
    expect(flagsFor(grant(), holder(), catalogue, policy, now)).toEqual([]);
  });

  it.each([
    ['no-reason', grant({ reason: '  ' }), holder()],
    ['self-granted', grant({ grantedById: 'm-1' }), holder()],
    ['departed', grant(), holder({ status: 'departed' })],
    ['departed', grant(), null],
    ['dormant', grant(), holder({ lastActiveAt: new Date(now.getTime() - 91 * DAY) })],
    ['expired', grant({ expiresAt: now }), holder()],
    ['unreviewed', grant({ createdAt: new Date(now.getTime() - 31 * DAY) }), holder()],
  ] as const)('%s', (flag, g, h) => {
    expect(flagsFor(g, h, catalogue, policy, now)).toEqual([flag]);
  });

  it('counts a recent review, and spares baseline grants the privileged-only flags', () => {
    const old = new Date(now.getTime() - 200 * DAY);
    expect(flagsFor(grant({ createdAt: old, reviewedAt: now }), holder(), catalogue, policy, now)).toEqual([]);
    const baseline = grant({ role: 'member', reason: null, createdAt: old, orgId: null });
    expect(flagsFor(baseline, holder({ lastActiveAt: old }), catalogue, policy, now)).toEqual([]);
    expect(catalogue.isPrivileged('viewer')).toBe(false);
    expect(catalogue.isPrivileged('editor')).toBe(true);
  });
});

describe('exports', () => {
  const review: AccessReview = {
    orgId: null,
    generatedAt: now,
    total: 2,
    flagged: 1,
    errorRate: 0.5,
    target: 0.02,
    policy,
    rows: [
      {
        grantId: 'g-1',
        ref: 'g-1',
        memberId: 'm-1',
        member: 'O\'Brien, "Pat"',
        role: 'support',
        scope: 'acme',
        granterId: null,
        granter: 'system',
        grantedAt: now,
        expiresAt: null,
        reason: '=HYPERLINK("http://x")',
        lastActivity: now,
        reviewedAt: null,
        flags: ['no-reason', 'dormant'],
      },
    ],
  };

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    const [, row] = reviewToCsv(review).split('\n');
    expect(row).toBe(
      `g-1,m-1,"O'Brien, ""Pat""",support,acme,,system,2026-11-02T09:00:00.000Z,,"'=HYPERLINK(""http://x"")",2026-11-02T09:00:00.000Z,,no-reason dormant`,
    );
  });

  it('writes JSON with the totals and the meaning of each flag', () => {
    const json = JSON.parse(reviewToJson(review));
    expect(json).toMatchObject({ total: 2, flagged: 1, errorRate: 0.5, target: 0.02 });
    expect(json.flagMeanings['no-reason']).toBe('privileged grant without a reason');
    expect(json.grants[0]).toMatchObject({ reason: '=HYPERLINK("http://x")', flags: ['no-reason', 'dormant'] });
  });

  it('states the error rate against the 2% target', () => {
    expect(errorRateText(review)).toBe('Audit error rate: 1 of 2 grants flagged = 50.0% (target under 2.0%: missed).');
    expect(errorRateText({ ...review, flagged: 0, errorRate: 0 })).toContain('0.0% (target under 2.0%: met)');
  });
});
