// Workspace membership events: a person joining (team_join) is identified as a member
// (nothing more: roles come from the core's rules); a deactivated account (user_change
// with deleted: true) is a departure, which the core turns into revocations.
import type { App } from '@slack/bolt';
import { profileOf } from './directory.js';
import { envelopeEventId } from './event-ids.js';
import { slackMentionParser } from './mentions.js';
import { type SlackRuntime, safely } from './runtime.js';

interface EventUser {
  id: string;
  deleted?: boolean;
  is_bot?: boolean;
  name?: string;
  real_name?: string;
  is_primary_owner?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

export function registerMembers(app: App, rt: SlackRuntime): void {
  app.event('team_join', async ({ event, body }) => {
    const user = event.user as unknown as EventUser;
    if (user.is_bot || user.deleted) return;
    await safely(rt.logger, 'team_join', async () => {
      const profile = profileOf(user, user.id);
      rt.directory.remember(user.id, profile);
      const notices = await rt.steward.hello({
        account: { platform: 'slack', workspaceId: body.team_id, userId: user.id },
        displayName: profile.displayName,
        parseMention: slackMentionParser(body.team_id),
        ...(profile.isPrimaryOwner ? { facts: { isWorkspaceOwner: true } } : {}),
      });
      if (notices.length) await rt.replies.send({ userId: user.id }, notices);
    });
  });

  app.event('user_change', async ({ event, body }) => {
    const user = event.user as unknown as EventUser;
    if (user.is_bot) return;
    await safely(rt.logger, 'user_change', async () => {
      if (!user.deleted) {
        rt.directory.remember(user.id, profileOf(user, user.id));
        return;
      }
      await rt.steward.memberLeft({
        account: { platform: 'slack', workspaceId: body.team_id, userId: user.id },
        eventId: envelopeEventId(body.event_id),
      });
    });
  });
}
