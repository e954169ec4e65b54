// pino JSON logs. Redaction keeps tokens, message text and raw platform user ids out of
// every log line; code logs member ids or hashed platform ids instead (see hashId).
import { createHmac } from 'node:crypto';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export const REDACT_PATHS = [
  'token',
  '*.token',
  'text',
  '*.text',
  'body',
  '*.body',
  'userId',
  '*.userId',
  'user_id',
  '*.user_id',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'masterKey',
  '*.masterKey',
];

export interface LoggerOptions {
  level?: string;
  /** Human-readable output (console adapter); JSON otherwise. */
  pretty?: boolean;
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'steward' },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    // Synchronous pretty printing to stderr keeps the console adapter's stdout for the conversation.
    return pino(base, pretty({ destination: 2, sync: true, colorize: false, ignore: 'pid,hostname,app' }));
  }
  return pino(base, pino.destination({ dest: 2, sync: true }));
}

/** A stable, non-reversible stand-in for a platform user id in logs. */
export function hashId(id: string, key = 'steward-log'): string {
  return createHmac('sha256', key).update(id).digest('hex').slice(0, 12);
}
