// Finding live sessions by what people type: an id like S-3 or a session's name.
import { notFound } from '../errors.js';
import type { Repos } from '../ports.js';
import { type LiveSessionRecord, parseSessionRef } from './model.js';

export async function findSession(repos: Repos, token: string): Promise<LiveSessionRecord> {
  const number = parseSessionRef(token);
  if (number !== null) {
    const session = await repos.liveSessions.byNumber(number);
    if (!session) throw notFound(`There is no session S-${number}. See recent sessions with /session list.`);
    return session;
  }
  // Names may repeat (a weekly event): the most recent one is meant.
  const [latest] = await repos.liveSessions.byName(token);
  if (!latest) {
    throw notFound(
      `No session called "${token}". Name a session by its id (like S-3) or its name; /session list shows recent ones.`,
    );
  }
  return latest;
}
