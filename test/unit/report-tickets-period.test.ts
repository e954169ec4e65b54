import { describe, expect, it } from 'vitest';
import { parsePeriod, resolvePeriod } from '../../src/core/reports/tickets-period.js';

const now = new Date('2026-11-18T15:30:00Z'); // a Wednesday
const range = (text: string) => {
  const spec = parsePeriod(text);
  if (!spec) throw new Error(`${text} did not parse`);
  const p = resolvePeriod(spec, now);
  return { label: p.label, from: p.from.toISOString(), to: p.to.toISOString(), slug: p.slug };
};

describe('report periods', () => {
  it('a month covers the calendar month, and December rolls into the next year', () => {
    expect(range('2026-11')).toEqual({
      label: 'November 2026',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      slug: '2026-11',
    });
    expect(range('2026-12').to).toBe('2027-01-01T00:00:00.000Z');
  });

  it('days and day ranges include their last day', () => {
    expect(range('2026-11-02')).toMatchObject({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' });
    expect(range('2026-11-01..2026-11-15')).toMatchObject({
      label: '2026-11-01 to 2026-11-15',
      to: '2026-11-16T00:00:00.000Z',
    });
  });

  it('the last N hours, days or weeks end now', () => {
    expect(range('7d')).toMatchObject({ label: 'the last 7 days', from: '2026-11-11T15:30:00.000Z' });
    expect(range('1w').label).toBe('the last week');
    expect(range('12h').from).toBe('2026-11-18T03:30:00.000Z');
  });

  it('named periods: weeks start on Monday; last-month of January is December', () => {
    expect(range('week')).toMatchObject({ from: '2026-11-16T00:00:00.000Z', label: 'this week (from 2026-11-16)' });
    expect(range('last-week')).toMatchObject({ from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' });
    expect(range('month')).toMatchObject({ from: '2026-11-01T00:00:00.000Z', label: 'November 2026 so far' });
    expect(range('last-month').label).toBe('October 2026');
    expect(resolvePeriod(parsePeriod('last-month')!, new Date('2027-01-05T00:00:00Z')).label).toBe('December 2026');
    expect(range('today').from).toBe('2026-11-18T00:00:00.000Z');
    expect(range('all').from).toBe('1970-01-01T00:00:00.000Z');
  });

  it.each(['fortnight', '2026-13', '2026-02-30', '2026-11-15..2026-11-01', '0d', '', 'week2'])('rejects %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});
