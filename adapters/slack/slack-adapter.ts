// The Slack adapter: wires the Bolt app's listeners to the core and the outbox deliverer
// to Slack. Listeners live one concern per file (commands, messages, actions, members,
// App Home); this file only assembles and starts them.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import type { Steward } from '../../src/steward.js';
import { registerActions } from './actions.js';
import { registerAppHome } from './app-home.js';
import { connectSlack, type SlackConnection } from './bolt-app.js';
import { SlackChannels } from './channels.js';
import { registerCommands } from './commands.js';
import { SlackDeliverer } from './deliverer.js';
import { SlackDirectory } from './directory.js';
import { DmChannels } from './dm-channels.js';
import { registerMembers } from './members.js';
import { registerMessages } from './messages.js';
import { registerModals } from './modals.js';
import { ReplySender } from './replies.js';
import type { SlackRuntime } from './runtime.js';
import { slackErrorCode } from './slack-errors.js';

export interface SlackStartOptions {
  /** HTTP mode: where to listen (default SLACK_PORT on all interfaces; tests use port 0 on 127.0.0.1). */
  port?: number;
  host?: string;
}

export class SlackAdapter {
  readonly connection: SlackConnection;
  readonly deliverer: SlackDeliverer;
  readonly runtime: SlackRuntime;
  private server: Server | undefined;

  constructor(
    readonly steward: Steward,
    readonly config: Config,
    logger: Logger,
  ) {
    const log = logger.child({ adapter: 'slack' });
    this.connection = connectSlack(config, log);
    const channels = SlackChannels.fromConfig(config);
    const dms = new DmChannels();
    const { api, delivery, app } = this.connection;
    this.runtime = {
      steward,
      api,
      directory: new SlackDirectory(api, log),
      replies: new ReplySender(api, dms, log),
      channels,
      dms,
      logger: log,
    };
    this.deliverer = new SlackDeliverer(delivery, channels, dms, steward.services.store.repos.threadLinks, log);
    registerCommands(app, this.runtime);
    registerMessages(app, this.runtime);
    registerActions(app, this.runtime);
    registerModals(app, this.runtime);
    registerMembers(app, this.runtime);
    registerAppHome(app, this.runtime);
    app.error(async (error) => {
      log.error({ err: error, code: slackErrorCode(error) }, 'Slack listener error');
    });
  }

  /** Starts receiving; resolves with the HTTP port (HTTP mode) once Slack can reach us. */
  async start(options: SlackStartOptions = {}): Promise<{ port?: number }> {
    const { app, mode } = this.connection;
    const { logger } = this.runtime;
    if (mode === 'socket') {
      await app.start();
    } else {
      const port = options.port ?? this.config.SLACK_PORT;
      this.server = (await app.start(options.host ? { port, host: options.host } : port)) as Server;
    }
    this.steward.attach(this.deliverer);
    const port = this.server ? (this.server.address() as AddressInfo).port : undefined;
    const names = this.runtime.channels.names();
    logger.info({ mode, port, channels: names }, 'Slack adapter started');
    if (!names.includes(this.config.STEWARD_STAFF_CHANNEL)) {
      logger.warn(
        `SLACK_CHANNELS has no "${this.config.STEWARD_STAFF_CHANNEL}" channel: member messages will not reach staff in Slack (e.g. SLACK_CHANNELS="${this.config.STEWARD_STAFF_CHANNEL}=C0123ABCD")`,
      );
    }
    return { port };
  }

  async stop(): Promise<void> {
    await this.connection.app.stop();
  }
}
