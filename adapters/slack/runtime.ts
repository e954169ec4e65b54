// What every Slack listener needs, built once per adapter.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Steward } from '../../src/steward.js';
import type { SlackChannels } from './channels.js';
import type { SlackDirectory } from './directory.js';
import type { DmChannels } from './dm-channels.js';
import type { ReplySender } from './replies.js';
import { slackErrorCode } from './slack-errors.js';

export interface SlackRuntime {
  steward: Steward;
  /** Web API client for interactive work (replies, users.info, views.publish); retries briefly. */
  api: webApi.WebClient;
  directory: SlackDirectory;
  replies: ReplySender;
  channels: SlackChannels;
  dms: DmChannels;
  logger: Logger;
}

/** Runs a listener's work so that one failure is logged and never takes the process down. */
export async function safely(logger: Logger, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ err: error, code: slackErrorCode(error) }, `Slack ${what} failed`);
  }
}
