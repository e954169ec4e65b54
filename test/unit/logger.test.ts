import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, hashId } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('logging', () => {
  it('redacts tokens, message text and raw platform user ids', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        token: 'xoxb-secret',
        text: 'my password is swordfish',
        event: { text: 'hello staff', userId: 'U123SECRET', user_id: 'U999' },
        headers: { authorization: 'Bot abc' },
        memberId: 'm-1',
      },
      'event received',
    );
    const out = lines.join('');
    for (const secret of ['xoxb-secret', 'swordfish', 'hello staff', 'U123SECRET', 'U999', 'Bot abc']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('"memberId":"m-1"');
    expect(JSON.parse(out).msg).toBe('event received');
  });

  it('offers a stable, non-reversible stand-in for platform ids', () => {
    expect(hashId('U123')).toBe(hashId('U123'));
    expect(hashId('U123')).not.toContain('U123');
    expect(hashId('U123')).not.toBe(hashId('U124'));
  });
});
