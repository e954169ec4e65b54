// Steward on Slack (@slack/bolt). `startSlack` is what src/main.ts calls when
// SLACK_BOT_TOKEN is set; it returns the function that stops the adapter.
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import type { Steward } from '../../src/steward.js';
import { SlackAdapter, type SlackStartOptions } from './slack-adapter.js';

export { SlackAdapter, type SlackStartOptions } from './slack-adapter.js';

export async function startSlack(
  steward: Steward,
  config: Config,
  logger: Logger,
  options: SlackStartOptions = {},
): Promise<() => Promise<void>> {
  const adapter = new SlackAdapter(steward, config, logger);
  await adapter.start(options);
  return () => adapter.stop();
}
