// With SLACK_APP_TOKEN set, Steward connects to Slack over Socket Mode instead of serving
// HTTP: it opens the connection with apps.connections.open, acknowledges envelopes, and
// handles them like HTTP requests.
import { afterEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../adapters/slack/index.js';
import { createLogger } from '../../src/logger.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack } from '../support/fake-slack.js';
import { directMessage, slashCommand } from '../support/fake-slack-requests.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let fake: FakeSlack | undefined;
let bot: TestSteward | undefined;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await bot?.close();
  await fake?.close();
});

describe('Slack Socket Mode', () => {
  it('connects with the app token and runs slash commands and DMs delivered over the socket', async () => {
    fake = await FakeSlack.start();
    fake.addUser({ id: 'U0ALICE01', name: 'alice' });
    bot = await startTestSteward({
      firstMemberIsSuperAdmin: false,
      env: {
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_APP_TOKEN: FAKE_APP_TOKEN,
        SLACK_API_URL: fake.apiUrl,
        SLACK_CHANNELS: 'staff=C0STAFF01',
      },
    });
    adapter = new SlackAdapter(bot.steward, bot.steward.services.config, createLogger({ level: 'silent' }));
    expect(adapter.connection.mode).toBe('socket');
    const started = await adapter.start();
    expect(started.port).toBeUndefined();
    await fake.waitFor(() => fake!.socketConnected || undefined, 15_000, 'the Socket Mode connection');
    expect(fake.accepted('apps.connections.open')).toHaveLength(1);

    const responseUrl = fake.responseUrl();
    const ack = await fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/steward', text: 'help', userId: 'U0ALICE01', responseUrl }),
    );
    expect(ack).toEqual({}); // an empty ack: the reply follows through response_url
    const reply = await fake.waitFor(() =>
      fake!.callsOf('response_url').find((c) => c.path === new URL(responseUrl).pathname),
    );
    expect(String(reply.args.text)).toContain('/steward help');

    await fake.sendEnvelope('events_api', directMessage({ userId: 'U0ALICE01', text: 'Hi staff, over the socket' }));
    const post = await fake.waitFor(() =>
      fake!.accepted('chat.postMessage').find((c) => c.args.channel === 'C0STAFF01'),
    );
    expect(String(post.args.text)).toContain('Hi staff, over the socket');
  });
});
