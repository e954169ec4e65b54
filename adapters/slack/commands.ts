// Slash commands: every registry group is a Slack command (/role, /ticket, …). Bolt's
// ack() answers Slack at once (its 3-second limit); the command then runs in the core and
// its replies go out through response_url or the Web API.
import type { App, RespondArguments } from '@slack/bolt';
import { commandEventId } from './event-ids.js';
import { commandTextFromSlack } from './mentions.js';
import { type SlackRuntime, safely } from './runtime.js';

export function registerCommands(app: App, rt: SlackRuntime): void {
  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    await ack();
    await safely(rt.logger, 'slash command', async () => {
      const invoker = await rt.directory.invoker(command.team_id, command.user_id, command.user_name);
      const outcome = await rt.steward.command({
        ...invoker,
        group: command.command.replace(/^\//, ''),
        text: commandTextFromSlack(command.text ?? ''),
        channel: { platform: 'slack', id: command.channel_id, name: command.channel_name },
        eventId: commandEventId(command.trigger_id),
      });
      if (outcome.duplicate) return;
      await rt.replies.send(
        {
          userId: command.user_id,
          channelId: command.channel_id,
          respond: (message) => respond(message as RespondArguments),
        },
        outcome.replies,
      );
    });
  });
}
