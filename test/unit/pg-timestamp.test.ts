// PostgreSQL's text form of a `timestamp`, read as UTC by digit arithmetic: it must agree
// with the Date parser on every form the server prints, and leave the unusual ones to it.
import { describe, expect, it } from 'vitest';
import { pgTimestampMs } from '../../src/store/db-instants.mjs';

const parsePgTimestamp = (text: string) => new Date(pgTimestampMs(text));

/** As PostgreSQL prints a timestamp: no "T", no zone, the fraction without trailing zeros. */
const printed = (ms: number) =>
  new Date(ms).toISOString().slice(0, 23).replace('T', ' ').replace(/0+$/, '').replace(/\.$/, '');
const viaDateParser = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

describe('pgTimestampMs', () => {
  it('reads whole seconds and 1-, 2- and 3-digit fractions as the Date parser does', () => {
    expect(printed(Date.UTC(2026, 10, 23, 12, 45, 17, 500))).toBe('2026-11-23 12:45:17.5');
    expect(printed(Date.UTC(2026, 10, 23, 12, 45, 17, 0))).toBe('2026-11-23 12:45:17');
    for (let i = 0; i < 5_000; i++) {
      const ms = Date.UTC(1970, 0, 1) + Math.floor(((i * 7_919_993_311) % 4_102_444_800) * 1000) + (i % 1000);
      const text = printed(ms);
      expect(parsePgTimestamp(text).getTime(), text).toBe(viaDateParser(text).getTime());
      expect(parsePgTimestamp(text).getTime(), text).toBe(ms);
    }
  });

  it('reads a 6-digit fraction to the millisecond, and passes unusual forms to the Date parser', () => {
    expect(parsePgTimestamp('2026-01-02 03:04:05.678912').toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(parsePgTimestamp('0099-06-30 00:00:00').getTime()).toBe(viaDateParser('0099-06-30 00:00:00').getTime());
    expect(Number.isNaN(parsePgTimestamp('infinity').getTime())).toBe(true);
    expect(Number.isNaN(parsePgTimestamp('0044-03-15 12:00:00 BC').getTime())).toBe(true);
  });
});
