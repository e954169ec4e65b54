// Button clicks (block_actions) on Steward's buttons run the command the button carries,
// through the typed path, as the person who clicked: the core checks their permission.
// A command that still needs input from the clicker opens a modal first (modals.ts).
import type { App, BlockButtonAction, RespondArguments } from '@slack/bolt';
import { reply } from '../../src/core/message.js';
import { ACTION_ID_PREFIX, decodeActionValue } from './action-values.js';
import { actionEventId } from './event-ids.js';
import { argsModal, missingArgs } from './modals.js';
import type { ReplyTarget } from './replies.js';
import { type SlackRuntime, safely } from './runtime.js';

export function registerActions(app: App, rt: SlackRuntime): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_ID_PREFIX}`) },
    async ({ ack, body, action, respond }) => {
      await ack();
      await safely(rt.logger, 'button', async () => {
        const target: ReplyTarget = {
          userId: body.user.id,
          channelId: body.channel?.id,
          threadTs: body.message?.thread_ts,
          ...(body.response_url ? { respond: (m) => respond(m as RespondArguments) } : {}),
        };
        const button = decodeActionValue(action.value);
        if (!button) {
          await rt.replies.send(target, [
            reply(
              'This button is not one Steward understands (it may be from an older version). Use the slash command instead.',
            ),
          ]);
          return;
        }
        const spec = rt.steward.services.registry.get(button.group, button.subcommand);
        if (spec && missingArgs(spec, button.args).length > 0) {
          // Ask for what the button cannot know (a resolution note, a reply); trigger_id lives 3 s.
          await rt.api.views.open({ trigger_id: body.trigger_id, view: argsModal(spec, button, body.channel?.id) });
          return;
        }
        const workspaceId = body.team?.id ?? body.user.team_id ?? '';
        const invoker = await rt.directory.invoker(workspaceId, body.user.id, body.user.name);
        const outcome = await rt.steward.command({
          ...invoker,
          group: button.group,
          subcommand: button.subcommand,
          options: button.args,
          channel: body.channel ? { platform: 'slack', id: body.channel.id, name: body.channel.name } : null,
          eventId: actionEventId(body.trigger_id, action.action_ts),
        });
        if (outcome.duplicate) return;
        await rt.replies.send(target, outcome.replies);
      });
    },
  );
}
