// Builds the Bolt app: Socket Mode when SLACK_APP_TOKEN is set, otherwise Bolt's HTTP
// receiver serving /slack/events (signatures verified by Bolt: v0 HMAC, 5-minute window).
// Two Web API clients point at SLACK_API_URL: an interactive one with a couple of quick
// retries, and a delivery one with none, whose 429s the outbox turns into later retries.
import { App, HTTPReceiver, type LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import { boltLogger } from './bolt-logger.js';

export interface SlackConnection {
  app: App;
  mode: 'http' | 'socket';
  /** Replies, users.info, conversations.open, views.publish. */
  api: webApi.WebClient;
  /** Outbox deliveries: no retries of its own; 429 is rejected at once with its Retry-After. */
  delivery: webApi.WebClient;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export function slackApiUrl(config: Pick<Config, 'SLACK_API_URL'>): string {
  const url = config.SLACK_API_URL ?? DEFAULT_SLACK_API_URL;
  return url.endsWith('/') ? url : `${url}/`;
}

export function connectSlack(config: Config, logger: Logger): SlackConnection {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is required to connect to Slack');
  const slackLogger = boltLogger(logger);
  const common = { slackApiUrl: slackApiUrl(config), logger: slackLogger, timeout: 15_000 };
  const api = new webApi.WebClient(token, {
    ...common,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
  });
  const delivery = new webApi.WebClient(token, {
    ...common,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const clientOptions = { ...common, retryConfig: { retries: 2 } };

  if (config.SLACK_APP_TOKEN) {
    const receiver = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger: slackLogger,
      logLevel: 'info' as LogLevel,
      // Bolt hands these to the Socket Mode client's own WebClient (apps.connections.open).
      installerOptions: { clientOptions },
    });
    const app = new App({ token, receiver, logger: slackLogger, clientOptions });
    return { app, mode: 'socket', api, delivery };
  }
  if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required for Slack over HTTP');
  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET,
    endpoints: '/slack/events',
    logger: slackLogger,
    // Answer Slack first, work afterwards: every listener acks before its slow part.
    processBeforeResponse: false,
  });
  const app = new App({ token, receiver, logger: slackLogger, clientOptions });
  return { app, mode: 'http', api, delivery };
}
