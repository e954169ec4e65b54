// /link start | confirm <code> | remove [platform]: one person, one member, on every platform.
import { confirmLinkCode, issueLinkCode, LINK_CODE_TTL_MS, unlinkAccount } from '../../core/identity/link.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { historyProbe } from './history.js';

const PLATFORMS = ['slack', 'discord', 'console'] as const;

export const linkStart = defineCommand({
  group: 'link',
  name: 'start',
  description: 'Get a one-time code to link this account with your account on another platform',
  args: {},
  permission: 'link.self',
  async handler(ctx) {
    const { code } = await issueLinkCode(ctx.repos, ctx.actor.member, ctx.actor.account, ctx.now);
    await ctx.audit({
      action: 'link.start',
      subjectId: ctx.actor.member.id,
      detail: { platform: ctx.actor.account.platform },
    });
    return reply(
      `Your link code is ${code}. Within ${LINK_CODE_TTL_MS / 60_000} minutes, run /link confirm ${code} from your account on the other platform (Slack or Discord). It works once. Never confirm a code someone else gave you: linking shares your roles and history with that account.`,
    );
  },
});

export const linkConfirm = defineCommand({
  group: 'link',
  name: 'confirm',
  description: 'Link this account to the one where you ran /link start, using its code',
  args: { code: arg.string('The code /link start showed on your other account, e.g. K7PD-9QXM') },
  permission: 'link.self',
  async handler(ctx, { code }) {
    const result = await confirmLinkCode(ctx.repos, {
      code,
      member: ctx.actor.member,
      account: ctx.actor.account,
      now: ctx.now,
      historyOf: historyProbe(ctx),
    });
    await ctx.audit({
      actorId: result.kept.id,
      action: 'link.confirm',
      subjectId: result.kept.id,
      detail: {
        mergedMemberId: result.removed.id,
        platforms: result.platforms,
        movedAccounts: result.movedAccounts.map((a) => a.platform),
      },
    });
    const message = `Your ${result.platforms.join(' and ')} accounts are now linked: they are one member (${result.kept.pseudonym}), with the same roles, tickets and conversations. Run /link remove to undo.`;
    await ctx.notify({ to: { kind: 'member', memberId: result.kept.id }, message: { text: message } });
    return reply(message);
  },
});

export const linkRemove = defineCommand({
  group: 'link',
  name: 'remove',
  description: 'Unlink one of your accounts (default: this one); it becomes a separate member',
  args: {
    platform: arg.choice('Which account to unlink (default: the one you are using now)', PLATFORMS, {
      optional: true,
      positional: true,
    }),
  },
  permission: 'link.self',
  async handler(ctx, { platform }) {
    const { member, account } = ctx.actor;
    const accounts = await ctx.repos.members.accounts(member.id);
    const target = platform ? accounts.find((a) => a.platform === platform) : account;
    if (!target) {
      return reply(
        `You have no linked ${platform} account. Your accounts: ${accounts.map((a) => a.platform).join(', ')}.`,
      );
    }
    const detached = await unlinkAccount(ctx.repos, { member, target, now: ctx.now });
    await ctx.audit({
      action: 'link.remove',
      subjectId: member.id,
      detail: { platform: target.platform, newMemberId: detached.id },
    });
    return reply(
      `Your ${target.platform} account is no longer linked: it is now a separate member (${detached.pseudonym}) with the basic member role. Roles, tickets and conversations stay with ${member.pseudonym}.`,
    );
  },
});

export const LINK_COMMANDS = [linkStart, linkConfirm, linkRemove];
