// Child process for the outbox crash test: Steward on a SQLite file receives one direct
// message (stored and queued in one transaction), then hangs inside delivery, before any
// platform accepted it, so the parent can kill it there.
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import type { Deliverer } from '../../src/delivery/deliverer.js';
import { createLogger } from '../../src/logger.js';
import { Steward } from '../../src/steward.js';

const steward = await Steward.start(loadConfig(process.env), {
  skipMigrations: true,
  logger: createLogger({ level: 'silent' }),
});
const hang = async () => {
  process.stdout.write('DELIVERING\n');
  // A real hung platform call holds a socket open; a timer does the same here, so the
  // process stays up until the parent kills it.
  setInterval(() => {}, 60_000);
  await new Promise(() => {});
};
const stuck: Deliverer = { platform: 'console', hasChannel: () => true, toChannel: hang, toMember: hang };
steward.attach(stuck);
const outcome = await steward.directMessage({
  account: consoleAccount('carol'),
  displayName: 'carol',
  parseMention: parseConsoleMention,
  text: process.env.CRASH_TEXT ?? 'no text given',
  eventId: 'evt-crash-1',
});
process.stdout.write(`STORED ${outcome.ok}\n`);
await new Promise(() => {});
