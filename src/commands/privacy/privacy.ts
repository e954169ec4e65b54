// /privacy export and /privacy erase: a member's rights over their own data.
import { Buffer } from 'node:buffer';
import { reply } from '../../core/message.js';
import { CONFIRMATION_MINUTES, checkConfirmation, eraseMember, requestErasure } from '../../core/privacy/erase.js';
import { buildExport } from '../../core/privacy/export.js';
import { audit } from '../../core/relay/env.js';
import { privacyContributors } from '../../subscribers.js';
import { arg } from '../args.js';
import { type CommandSpec, defineCommand } from '../registry.js';

export const privacyExport = defineCommand({
  group: 'privacy',
  name: 'export',
  description: 'Get everything Steward stores about you, as a JSON file sent only to you',
  args: {},
  permission: 'privacy.self',
  async handler(ctx) {
    const member = ctx.actor.member;
    const contributors = privacyContributors(ctx.services);
    const document = await buildExport(ctx.services, ctx.repos, contributors, member, ctx.now);
    const filename = `steward-export-${ctx.now.toISOString().slice(0, 10)}.json`;
    await ctx.notify({
      to: { kind: 'member', memberId: member.id },
      message: {
        text: 'Here is everything Steward stores about you (decrypted). Keep it safe: it contains your messages.',
        attachments: [
          {
            filename,
            contentType: 'application/json',
            data: Buffer.from(JSON.stringify(document, null, 2), 'utf8').toString('base64'),
          },
        ],
      },
    });
    await audit(ctx, {
      actorId: member.id,
      action: 'privacy.export',
      subjectId: member.id,
      detail: { areas: contributors.map((c) => c.area) },
    });
    return reply(`Your data export (${filename}) is on its way to your direct messages; only you receive it.`);
  },
});

export const privacyErase = defineCommand({
  group: 'privacy',
  name: 'erase',
  description: 'Erase your personal data permanently (asks for confirmation first)',
  args: { confirm: arg.string('The confirmation code from the first step', { optional: true }) },
  permission: 'privacy.self',
  async handler(ctx, a) {
    const member = ctx.actor.member;
    if (!a.confirm) {
      const code = await requestErasure(ctx.repos, member, ctx.now);
      await audit(ctx, { actorId: member.id, action: 'privacy.erase.requested', subjectId: member.id, detail: {} });
      return reply(
        `This permanently deletes your profile, your conversations with staff, your tickets and reports, revokes your roles, and destroys your encryption key so nothing you sent can ever be read again. It cannot be undone. (Consider /privacy export first.)\nTo go ahead, run /privacy erase confirm:${code} within ${CONFIRMATION_MINUTES} minutes.`,
        {
          actions: [
            { command: 'privacy erase', args: { confirm: code }, label: 'Erase my data permanently', style: 'danger' },
          ],
        },
      );
    }
    await checkConfirmation(ctx.repos, member, a.confirm, ctx.now);
    await eraseMember(ctx.services, ctx.repos, privacyContributors(ctx.services), member, ctx.now);
    return reply(
      'Done: your personal data is erased and your encryption key destroyed. If you talk to Steward again you start afresh as a new member.',
    );
  },
});

export const PRIVACY_COMMANDS: CommandSpec[] = [privacyExport, privacyErase];
