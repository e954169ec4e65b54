// Errors from the Discord REST client carry the request body (message text) and URLs
// with interaction tokens. Logs get this summary instead: what failed and where, never
// what was said or a token.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

const routeOf = (url: string) => {
  try {
    return new URL(url).pathname.replace(/\/(interactions|webhooks)\/(\d+)\/[^/]+/, '/$1/$2/:token');
  } catch {
    return 'unknown';
  }
};

export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return {
      type: error.name,
      status: error.status,
      code: error.code,
      method: error.method,
      route: routeOf(error.url),
    };
  }
  if (error instanceof HTTPError) {
    return { type: error.name, status: error.status, method: error.method, route: routeOf(error.url) };
  }
  if (error instanceof RateLimitError) {
    return { type: error.name, route: error.route, retryAfterMs: error.retryAfter, global: error.global };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
