// Idempotency keys for the core (it prefixes them with the platform and acts on each
// once). Each is unique per delivery and identical when Slack retries it
// (X-Slack-Retry-Num), so a retried request is acknowledged but not acted on twice.

/** A slash command: Slack mints one trigger_id per invocation. */
export const commandEventId = (triggerId: string) => `command:${triggerId}`;

/** A message (DM or thread reply): channel + ts names it uniquely, whichever subscription delivered it. */
export const messageEventId = (channel: string, ts: string) => `message:${channel}:${ts}`;

/** Any other Events API event: its envelope event_id. */
export const envelopeEventId = (eventId: string) => `event:${eventId}`;

/** A button click: one trigger_id per click (fallback: the action's own timestamp). */
export const actionEventId = (triggerId: string | undefined, actionTs: string) => `action:${triggerId ?? actionTs}`;

/** A modal submission: one per opened view. */
export const viewEventId = (viewId: string) => `view:${viewId}`;
