// Which feature area handles direct messages and departures. Relay messaging owns
// direct messages; access governance owns departures.
import { offboardMember } from './core/access/departures.js';
import { reply } from './core/message.js';
import { receiveMemberMessage } from './core/relay/inbound.js';
import type { InboundHandlers } from './inbound.js';
import type { Services } from './services.js';

export function inboundHandlers(_services: Services): InboundHandlers {
  return {
    // A DM to the bot is a message to the staff team (src/core/relay/inbound.ts).
    async directMessage(ctx, text) {
      if (!ctx.can('relay.send')) {
        return [
          reply('You cannot message the staff team through Steward right now. Run /steward help for what you can do.'),
        ];
      }
      return receiveMemberMessage(ctx, ctx.actor.member, text);
    },
    // The platform says the member left: revoke everything, mark them departed.
    async memberLeft(ctx) {
      if (ctx.actor.member.status !== 'active') return;
      await offboardMember({ services: ctx.services, repos: ctx.repos, now: ctx.now }, null, ctx.actor.member, {
        orgId: null,
        reason: 'left the workspace',
        action: 'member.left',
      });
    },
  };
}
