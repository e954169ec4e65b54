// The access review's exports are built in blocks (a review can hold 100,000 grants):
// given reviews larger than a block, the CSV and JSON still hold every grant once, in
// order, and the attachments encode exactly the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64OfBlocks } from '../../src/commands/audit/attachments.js';
import {
  type AccessReview,
  type ReviewRow,
  reviewCsvBlocks,
  reviewJsonBlocks,
  reviewToCsv,
  reviewToJson,
} from '../../src/core/access/review.js';

const now = new Date('2026-11-02T09:00:00Z');

const row = (i: number): ReviewRow => ({
  grantId: `g-${i}`,
  ref: `g-${i}`,
  memberId: `m-${i % 7}`,
  member: i % 3 ? `Zoë ${i}` : `O'Brien, "Pat" ${i}`,
  role: 'support',
  scope: 'acme',
  granterId: null,
  granter: 'system',
  grantedAt: new Date(now.getTime() - i * 1000),
  expiresAt: null,
  reason: i % 5 ? 'rota' : null,
  lastActivity: now,
  reviewedAt: null,
  flags: i % 2 ? ['no-reason'] : [],
});

const reviewOf = (count: number): AccessReview => ({
  orgId: null,
  generatedAt: now,
  rows: Array.from({ length: count }, (_, i) => row(i)),
  total: count,
  flagged: Math.floor(count / 2),
  errorRate: count ? Math.floor(count / 2) / count : 0,
  target: 0.02,
  policy: { dormantDays: 90, reviewPeriodDays: 30 },
});

describe('review exports over several blocks', () => {
  const review = reviewOf(2_500);

  it('writes every grant once, in order, in the CSV', () => {
    const lines = reviewToCsv(review).split('\n');
    expect(lines[0]).toMatch(/^grant_id,member_id,/);
    expect(lines).toHaveLength(2_502); // header, 2,500 grants, and the final newline
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(review.rows.map((r) => r.grantId));
  });

  it('writes every grant once, in order, in the JSON', () => {
    const json = JSON.parse(reviewToJson(review));
    expect(json).toMatchObject({ total: 2_500, flagged: 1_250, target: 0.02 });
    expect(json.grants.map((g: { grantId: string }) => g.grantId)).toEqual(review.rows.map((r) => r.grantId));
    expect(json.grants[5]).toMatchObject({ member: `Zoë 5`, reason: null, flags: ['no-reason'] });
  });

  it('writes an empty review as valid JSON and a header-only CSV', () => {
    expect(JSON.parse(reviewToJson(reviewOf(0))).grants).toEqual([]);
    expect(reviewToCsv(reviewOf(0)).split('\n')).toHaveLength(2);
  });

  it('attaches exactly the text: base64 of the blocks is base64 of the whole', () => {
    for (const blocks of [reviewCsvBlocks(review), reviewJsonBlocks(review)]) {
      const parts = [...blocks];
      expect(base64OfBlocks(parts)).toBe(Buffer.from(parts.join(''), 'utf8').toString('base64'));
    }
  });

  it('encodes any blocks, whatever their byte lengths', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (parts) => {
        expect(base64OfBlocks(parts)).toBe(Buffer.from(parts.join(''), 'utf8').toString('base64'));
      }),
    );
  });
});
