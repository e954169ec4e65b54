import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/core/tickets/format.js';
import { assertAllowed, isAllowed } from '../../src/core/tickets/lifecycle.js';
import { parseSessionRef, parseTicketRef, type TicketRecord } from '../../src/core/tickets/model.js';
import { unresolvedAt } from '../../src/core/tickets/session-report.js';
import { mean, median } from '../../src/core/tickets/stats.js';

const ticket = (over: Partial<TicketRecord>): TicketRecord =>
  ({
    number: 7,
    status: 'open',
    resolvedAt: null,
    closedAt: null,
    ...over,
  }) as TicketRecord;

describe('ticket rules', () => {
  it('reads ticket and session ids the ways people type them', () => {
    for (const text of ['T-42', 't42', '#42', '42', ' T-42 ']) expect(parseTicketRef(text)).toBe(42);
    for (const text of ['T-', 'S-42', 'ticket', '4 2']) expect(parseTicketRef(text)).toBeNull();
    expect(parseSessionRef('S-3')).toBe(3);
    expect(parseSessionRef('Opening keynote')).toBeNull();
  });

  it('allows each action only in the statuses where it makes sense', () => {
    expect(isAllowed('open', 'claim')).toBe(true);
    expect(isAllowed('resolved', 'claim')).toBe(false);
    expect(isAllowed('escalated', 'escalate')).toBe(false);
    expect(isAllowed('resolved', 'reopen')).toBe(true);
    expect(isAllowed('closed', 'comment')).toBe(false);
  });

  it('explains what to do instead', () => {
    expect(() => assertAllowed(ticket({ status: 'closed' }), 'comment')).toThrow(
      'T-7 is closed, so it cannot be commented on. Reopen it first with /ticket reopen T-7.',
    );
    expect(() => assertAllowed(ticket({ status: 'in_progress' }), 'reopen')).toThrow(
      'T-7 is still in progress; only resolved or closed tickets can be reopened.',
    );
    expect(() => assertAllowed(ticket({ status: 'resolved', resolvedAt: new Date() }), 'rate')).not.toThrow();
  });

  it('averages: mean and median, nothing for no data', () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
    expect(mean([10, 20, 60])).toBe(30);
    expect(median([60, 10, 20])).toBe(20);
    expect(median([10, 20, 30, 100])).toBe(25);
  });

  it('formats durations with at most two units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(90_000)).toBe('1m 30s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(93_784_000)).toBe('1d 2h');
  });

  it('a ticket resolved after the session ended was unresolved at its end', () => {
    const end = new Date('2026-11-02T10:00:00Z');
    const tickets = [
      ticket({ number: 1, resolvedAt: new Date('2026-11-02T09:30:00Z') }),
      ticket({ number: 2, resolvedAt: new Date('2026-11-02T10:30:00Z') }),
      ticket({ number: 3, closedAt: new Date('2026-11-02T09:45:00Z') }),
      ticket({ number: 4 }),
    ];
    expect(unresolvedAt(tickets, end).map((t) => t.number)).toEqual([2, 4]);
  });
});
