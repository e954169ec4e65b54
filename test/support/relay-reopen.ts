// Opens a second Steward on an existing database (for restarts, key rotation and
// scanning tests), driven through the console adapter like startTestSteward's.
import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/logger.js';
import { Steward } from '../../src/steward.js';

export interface ReopenedSteward {
  steward: Steward;
  run(lines: string): Promise<string>;
  close(): Promise<void>;
}

export async function reopenSteward(env: Record<string, string>, clock = new ManualClock()): Promise<ReopenedSteward> {
  const steward = await Steward.start(loadConfig(env), {
    clock,
    firstMemberIsSuperAdmin: true,
    skipMigrations: true,
    logger: createLogger({ level: 'silent' }),
  });
  const output = new PassThrough();
  let all = '';
  output.on('data', (chunk) => {
    all += chunk.toString();
  });
  const adapter = new ConsoleAdapter(steward, { input: new PassThrough(), output, interactive: false, strict: false });
  return {
    steward,
    async run(lines) {
      const before = all.length;
      for (const line of lines.split('\n')) await adapter.handleLine(line);
      return all.slice(before);
    },
    close: () => steward.close(),
  };
}
