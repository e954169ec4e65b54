// The App Home tab: a member sees their roles, their conversations with staff and their
// tickets; staff also see their queues. Lists come from registry commands run through the
// core as the viewer, and only those the core's evaluator says the viewer may run, so
// nothing here decides access (and nobody collects "denied" audit entries by looking).
import type { App, types } from '@slack/bolt';
import { buildContext, type Invoker } from '../../src/commands/dispatch.js';
import { isActiveGrant } from '../../src/core/access/evaluator.js';
import { conversationCode } from '../../src/core/relay/codes.js';
import { renderPosts } from './blocks.js';
import { escapeMrkdwn } from './mentions.js';
import { type SlackRuntime, safely } from './runtime.js';

type Block = types.KnownBlock;

export interface HomeSection {
  title: string;
  /** "group subcommand" in the registry. */
  command: string;
  options?: Record<string, string>;
}

/** Shown when the registry has the command and the viewer may run it. */
export const HOME_SECTIONS: HomeSection[] = [
  { title: 'Tickets', command: 'ticket list' },
  { title: 'Conversations waiting for staff', command: 'relay list', options: { filter: 'open' } },
  { title: 'Conversations assigned to you', command: 'relay list', options: { filter: 'mine' } },
  { title: 'Moderation queue', command: 'relay queue' },
  { title: 'Role requests you can decide', command: 'role requests' },
];

/** Slack's limit for a Home tab view. */
const MAX_HOME_BLOCKS = 100;

export function registerAppHome(app: App, rt: SlackRuntime): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await safely(rt.logger, 'app home', async () => {
      const invoker = await rt.directory.invoker(body.team_id, event.user);
      const blocks = await homeBlocks(rt, invoker);
      await rt.api.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
    });
  });
}

const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
const markdown = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function homeBlocks(rt: SlackRuntime, invoker: Invoker): Promise<Block[]> {
  const { services } = rt.steward;
  const { repos } = services.store;
  const blocks: Block[] = [
    header('Steward'),
    markdown(
      'Send me a direct message to reach the staff team privately. Type `/steward help` to see the commands you can use.',
    ),
  ];
  // Looking is not interacting: someone who never used Steward gets the welcome only.
  const member = await repos.members.findByAccount(invoker.account);
  if (member?.status !== 'active') return blocks;

  const now = services.clock.now();
  const grants = await repos.grants.unrevokedFor(member.id);
  const roles = grants
    .filter((g) => isActiveGrant(g, now))
    .map(
      (g) =>
        `• \`${g.role}\`${g.orgId ? ` in ${escapeMrkdwn(g.orgId)}` : ''}${g.expiresAt ? ` until ${day(g.expiresAt)}` : ''}`,
    );
  blocks.push({ type: 'divider' }, header('Your roles'), markdown(roles.join('\n') || 'No roles yet.'));

  const mine = await repos.relay.conversations({ memberId: member.id, limit: 10 });
  blocks.push(
    { type: 'divider' },
    header('Your conversations with staff'),
    markdown(
      mine.length
        ? mine
            .map(
              (c) =>
                `• *${conversationCode(c.number)}* ${c.status}, ${c.messageCount} message(s), last ${day(c.lastMessageAt)}`,
            )
            .join('\n')
        : 'None yet. Send me a message to start one.',
    ),
  );

  const ctx = buildContext(
    services,
    repos,
    { member, account: invoker.account, grants },
    null,
    now,
    invoker.parseMention,
  );
  for (const section of HOME_SECTIONS) {
    const [group = '', subcommand = ''] = section.command.split(' ');
    const spec = services.registry.get(group, subcommand);
    if (!spec || !ctx.can(spec.permission, 'any')) continue;
    const outcome = await rt.steward.command({
      ...invoker,
      group,
      subcommand,
      options: section.options ?? {},
      channel: null,
    });
    if (!outcome.ok) continue;
    blocks.push({ type: 'divider' }, header(section.title));
    for (const r of outcome.replies) for (const post of renderPosts(r)) blocks.push(...post.blocks);
  }
  if (blocks.length > MAX_HOME_BLOCKS) {
    blocks.length = MAX_HOME_BLOCKS - 1;
    blocks.push(markdown('_More than fits here: the slash commands show the full lists._'));
  }
  return blocks;
}
