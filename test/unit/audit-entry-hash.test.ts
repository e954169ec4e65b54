// An audit entry's hash is part of every stored chain: these values were produced before
// the canonical form moved to entry-hash.mjs (shared with the verification workers), and
// must never change, or existing chains stop verifying.
import { describe, expect, it } from 'vitest';
import { entryHash } from '../../src/core/audit/audit-log.js';
import { pgTimestampMs, sqliteInstantMs } from '../../src/store/db-instants.mjs';

describe('audit entry hash', () => {
  it('is the hash existing chains were written with', () => {
    expect(
      entryHash({
        seq: 1,
        at: new Date('2026-11-02T09:00:00.123Z'),
        actorId: null,
        action: 'member.joined',
        subjectId: 'm-1',
        orgId: null,
        outcome: 'ok',
        detail: '{}',
        prevHash: '0'.repeat(64),
      }),
    ).toBe('b854d5aa0a7e69cd350c75be2f0818b01e6dcd3ac2c42f112f78289969f6ada7');
    expect(
      entryHash({
        seq: 4711,
        at: new Date('2026-11-02T09:00:00.000Z'),
        actorId: 'm-2',
        action: 'role.assign',
        subjectId: 'm-3',
        orgId: 'acme',
        outcome: 'denied',
        detail: '{"reason":"Zoë 🚀 | 3:x"}',
        prevHash: 'ab'.repeat(32),
      }),
    ).toBe('617a9ff38caf80275cc1561293cf19201749a9f4386050a2d4c6a9b583fc0f60');
  });
});

describe('instants read straight from the drivers', () => {
  it.each(['2026-11-23T05:52:03.396+00:00', '2024-02-29T23:59:59.999+00:00', '1999-01-01T00:00:00.000+00:00'])(
    'reads SQLite %s as Prisma does',
    (text) => {
      expect(sqliteInstantMs(text)).toBe(new Date(text).getTime());
    },
  );

  it('falls back to Date for any other form, and rejects what is not a date', () => {
    expect(sqliteInstantMs('2026-11-23T05:52:03Z')).toBe(Date.UTC(2026, 10, 23, 5, 52, 3));
    expect(sqliteInstantMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(sqliteInstantMs('2026-11-23T05:5x:03.396+00:00')).toBeNaN();
    expect(sqliteInstantMs('2026-13-23T05:52:03.396+00:00')).toBeNaN();
  });

  it.each([
    ['2026-11-23 05:52:03.396', '2026-11-23T05:52:03.396Z'],
    ['2026-11-23 05:52:03.39', '2026-11-23T05:52:03.390Z'],
    ['2026-11-23 05:52:03', '2026-11-23T05:52:03.000Z'],
  ])('reads PostgreSQL %s as UTC', (text, iso) => {
    expect(pgTimestampMs(text)).toBe(Date.parse(iso));
  });
});
