// Entry point: `npm start` (add `-- --console` to force the console adapter, `--strict`
// to stop a script at its first failed command). With no Slack or Discord credentials,
// Steward runs its embedded default: SQLite under ./data/ and the console adapter.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { Steward } from './steward.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      console: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      as: { type: 'string' },
    },
    allowPositionals: false,
  });
  if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });

  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const useConsole = values.console || (!config.slackEnabled && !config.discordEnabled);
  const logger = createLogger({ level: config.LOG_LEVEL ?? (useConsole ? 'warn' : 'info'), pretty: useConsole });
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

  const steward = await Steward.start(config, { logger, firstMemberIsSuperAdmin: useConsole });
  for (const notice of steward.startupNotices) process.stdout.write(`[steward] ${notice}\n`);

  if (config.STEWARD_SCHEDULER === 'on') steward.startScheduler();

  // Platform adapters: each returns a stop function. (Slack: adapters/slack; Discord: adapters/discord.)
  const stopping: (() => Promise<void>)[] = [];
  // ADAPTERS: start platform adapters here when configured.
  // Imported only when configured: Bolt and discord.js cost start-up time and memory.
  if (config.slackEnabled) {
    const { startSlack } = await import('../adapters/slack/index.js');
    stopping.push(await startSlack(steward, config, logger));
  }
  if (config.discordEnabled) {
    const { startDiscord } = await import('../adapters/discord/index.js');
    stopping.push(await startDiscord(steward, config, logger));
  }

  if (useConsole) {
    const adapter = new ConsoleAdapter(steward, {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
      strict: values.strict,
      initialUser: values.as,
    });
    steward.outbox.start();
    const code = await adapter.run();
    for (const stop of stopping) await stop();
    await steward.close();
    return code;
  }
  steward.outbox.start();
  logger.info({ adapters: steward.services.runtime.adapters }, 'Steward is running');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  for (const stop of stopping) await stop();
  await steward.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`Steward stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
