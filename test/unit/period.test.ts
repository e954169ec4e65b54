import { describe, expect, it } from 'vitest';
import { isValidTimeZone, lastFireTime, periodOf, previousPeriod } from '../../src/scheduler/period.js';

describe('periods in a time zone', () => {
  it('names months, ISO weeks, days and minutes in the job time zone', () => {
    const at = new Date('2026-11-30T23:30:00Z');
    expect(periodOf(at, 'UTC', 'month').key).toBe('2026-11');
    // Already 1 December in Johannesburg (UTC+2).
    expect(periodOf(at, 'Africa/Johannesburg', 'month').key).toBe('2026-12');
    expect(periodOf(at, 'Africa/Johannesburg', 'day').key).toBe('2026-12-01');
    expect(periodOf(new Date('2026-01-01T12:00:00Z'), 'UTC', 'week').key).toBe('2026-W01');
    expect(periodOf(new Date('2027-01-01T12:00:00Z'), 'UTC', 'week').key).toBe('2026-W53');
    expect(periodOf(at, 'UTC', 'minute').key).toBe('2026-11-30T23:30');
  });

  it('gives the instants a month covers, across a daylight-saving change', () => {
    const march = periodOf(new Date('2026-03-15T12:00:00Z'), 'Europe/London', 'month');
    expect(march.start.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(march.end.toISOString()).toBe('2026-03-31T23:00:00.000Z'); // 1 April 00:00 BST
  });

  it('finds the previous period for reports that cover the last month or week', () => {
    expect(previousPeriod(new Date('2026-12-01T08:00:00Z'), 'UTC', 'month').key).toBe('2026-11');
    expect(previousPeriod(new Date('2026-01-05T08:00:00Z'), 'UTC', 'week').key).toBe('2026-W01');
  });

  it('finds when a schedule last fired within one period, or says it did not', () => {
    const firstOfMonthAt8 = (d: Date) => d.getUTCDate() === 1 && d.getUTCHours() === 8 && d.getUTCMinutes() === 0;
    expect(lastFireTime(firstOfMonthAt8, new Date('2026-11-03T10:17:42Z'), 'month')?.toISOString()).toBe(
      '2026-11-01T08:00:00.000Z',
    );
    expect(lastFireTime(firstOfMonthAt8, new Date('2026-11-01T07:59:00Z'), 'day')).toBeNull();
  });

  it('knows real time zones from typos', () => {
    expect(isValidTimeZone('Africa/Johannesburg')).toBe(true);
    expect(isValidTimeZone('Africa/Joburg')).toBe(false);
  });
});
