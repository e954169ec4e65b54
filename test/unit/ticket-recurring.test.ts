import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recurringIssues, summaryWords } from '../../src/core/reports/tickets-recurring.js';

describe('recurring issues', () => {
  it('normalises log in / logging in / sign-in and plurals', () => {
    expect([...summaryWords('Logging in fails')]).toEqual(['login', 'fail']);
    expect([...summaryWords('Cannot sign-in, links are broken')]).toEqual(['login', 'link', 'broken']);
  });

  it('groups similar summaries within a category, names their shared words, ignores one-offs', () => {
    const issues = recurringIssues([
      { ref: 'T-1', category: 'audio-video', summary: 'Stream keeps buffering' },
      { ref: 'T-2', category: 'audio-video', summary: 'Buffering on the stream again' },
      { ref: 'T-3', category: 'audio-video', summary: 'No sound from the speaker' },
      { ref: 'T-4', category: 'connectivity', summary: 'Stream buffering, wifi weak' },
      { ref: 'T-5', category: 'audio-video', summary: 'The stream is buffering badly' },
    ]);
    expect(issues).toEqual([
      { category: 'audio-video', words: ['buffering', 'stream'], tickets: ['T-1', 'T-2', 'T-5'] },
    ]);
  });

  it('never puts a ticket in two groups or mixes categories', () => {
    const word = fc.constantFrom('stream', 'buffer', 'login', 'password', 'slides', 'wifi', 'audio', 'broken');
    const item = fc.record({
      category: fc.constantFrom('login', 'display', 'other'),
      summary: fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const withRefs = items.map((i, n) => ({ ...i, ref: `T-${n + 1}` }));
        const groups = recurringIssues(withRefs, 2, 100);
        const seen = groups.flatMap((g) => g.tickets);
        expect(new Set(seen).size).toBe(seen.length);
        for (const g of groups) {
          expect(g.tickets.length).toBeGreaterThanOrEqual(2);
          for (const ref of g.tickets) expect(withRefs.find((i) => i.ref === ref)!.category).toBe(g.category);
        }
      }),
    );
  });
});
