// A real Steward with the real Slack adapter (Bolt in HTTP mode on a random loopback
// port), its Web API pointed at the loopback FakeSlack. Tests send signed requests the
// way Slack does and read what the adapter sent back from the fake's records.

import { SlackAdapter } from '../../adapters/slack/index.js';
import { createLogger } from '../../src/logger.js';
import { FAKE_BOT_TOKEN, FakeSlack, type FakeUser, type RecordedCall } from './fake-slack.js';
import { type SendOptions, SlackSender, slashCommand } from './fake-slack-requests.js';
import { type Provider, startTestSteward, type TestSteward } from './test-steward.js';

export const SIGNING_SECRET = 'test-signing-secret-8f3a2c';
export const STAFF_CHANNEL = 'C0STAFF01';
export const SUPPORT_CHANNEL = 'C0SUPPORT1';
export const REPORTS_CHANNEL = 'C0REPORTS1';

export interface SlackTestBed {
  bot: TestSteward;
  fake: FakeSlack;
  slack: SlackSender;
  adapter: SlackAdapter;
  /** Runs a slash command as a user and waits for its first reply through response_url. */
  command(
    user: FakeUser,
    command: string,
    text?: string,
    extra?: { channelId?: string; channelName?: string; triggerId?: string; send?: SendOptions },
  ): Promise<CommandRun>;
  close(): Promise<void>;
}

export interface CommandRun {
  status: number;
  responseUrl: string;
  /** response_url posts for this command so far (none when it only posted in the channel). */
  replies: RecordedCall[];
  /** All reply text (fallback text of each post), joined. */
  text: string;
}

export async function startSlackTestBed(
  options: { provider?: Provider; env?: Record<string, string>; users?: FakeUser[] } = {},
): Promise<SlackTestBed> {
  const fake = await FakeSlack.start();
  for (const user of options.users ?? []) fake.addUser(user);
  const bot = await startTestSteward({
    provider: options.provider,
    firstMemberIsSuperAdmin: false,
    env: {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_CHANNELS: `staff=${STAFF_CHANNEL},support=${SUPPORT_CHANNEL},reports=${REPORTS_CHANNEL}`,
      ...options.env,
    },
  });
  const adapter = new SlackAdapter(
    bot.steward,
    bot.steward.services.config,
    createLogger({ level: process.env.STEWARD_TEST_LOG ?? 'silent' }),
  );
  const { port } = await adapter.start({ port: 0, host: '127.0.0.1' });
  // As in src/main.ts: the outbox also polls, so nothing waits for the next command to be sent.
  bot.steward.outbox.start();
  const slack = new SlackSender(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);

  return {
    bot,
    fake,
    slack,
    adapter,
    async command(user, command, text = '', extra = {}) {
      const responseUrl = fake.responseUrl();
      const path = new URL(responseUrl).pathname;
      const before = fake.calls.length;
      const res = await slack.command(
        slashCommand({
          command,
          text,
          userId: user.id,
          userName: user.name,
          responseUrl,
          channelId: extra.channelId,
          channelName: extra.channelName,
          triggerId: extra.triggerId,
        }),
        extra.send,
      );
      if (res.status !== 200) return { status: res.status, responseUrl, replies: [], text: '' };
      // The command's answer: through its response_url, or (channel replies) as a post.
      const answered = () =>
        fake.calls
          .slice(before)
          .some((c) => c.path === path || c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');
      await fake.waitFor(answered, 15_000, `a reply to ${command} ${text}`);
      const replies = fake.callsOf('response_url').filter((c) => c.path === path);
      return { status: res.status, responseUrl, replies, text: replies.map((r) => String(r.args.text)).join('\n') };
    },
    async close() {
      await adapter.stop();
      await bot.close();
      await fake.close();
    },
  };
}

/** The fallback text of every accepted post of a method, in order. */
export const textsOf = (calls: RecordedCall[]) => calls.map((c) => String(c.args.text ?? ''));
