// Reading errors from @slack/web-api: Slack's own error code ("not_in_channel") for
// platform errors, the SDK's code otherwise, and the Retry-After of a rate limit.
import { webApi } from '@slack/bolt';

/** Slack's error string for a platform error (e.g. "channel_not_found"), else the SDK's error code. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: string; data?: { error?: string } };
  if (e.code === webApi.ErrorCode.PlatformError && e.data?.error) return e.data.error;
  return e.code;
}

/** Seconds Slack asked us to wait, when the error is a rate limit. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: string; retryAfter?: number };
  return e.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}
