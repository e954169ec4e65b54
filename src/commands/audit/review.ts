import { formatWhen } from '../../core/access/env.js';
import { requireOrg } from '../../core/access/grants.js';
import {
  type AccessReview,
  buildAccessReview,
  errorRateText,
  findGrantByRef,
  REVIEW_FLAGS,
  recordReviewDecision,
  reviewCsvBlocks,
  reviewJsonBlocks,
} from '../../core/access/review.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { actorOf, envOf } from '../role/env.js';
import { attachBlocks } from './attachments.js';

/** Rows shown in the chat message; the attachments always hold every grant. */
const SHOWN = 50;

function summary(review: AccessReview): string {
  const scope = review.orgId ? `in ${review.orgId}` : 'in every scope';
  const lines = [
    `Access review ${scope}, ${formatWhen(review.generatedAt)}: ${review.total} active grant(s).`,
    errorRateText(review),
  ];
  const counts = new Map<string, number>();
  for (const r of review.rows) for (const f of r.flags) counts.set(f, (counts.get(f) ?? 0) + 1);
  if (counts.size) {
    lines.push(
      `Flags: ${[...counts].map(([f, n]) => `${f} ${n} (${REVIEW_FLAGS[f as keyof typeof REVIEW_FLAGS]})`).join('; ')}.`,
    );
  }
  lines.push(
    'Record a decision per grant with /audit decide <grant> keep|revoke [note]. Full list in the attachments.',
  );
  return lines.join('\n');
}

export const auditReview = defineCommand({
  group: 'audit',
  name: 'review',
  description: 'The access review: every active grant with flags and the audit error rate, exported as CSV and JSON',
  args: { org: arg.org('Only this organisation (org admins must give theirs)', { optional: true, positional: true }) },
  permission: 'audit.review',
  scope: (a) => (a.org ? { orgId: a.org } : 'global'),
  async handler(ctx, a) {
    if (a.org) await requireOrg(envOf(ctx), a.org);
    const review = await buildAccessReview(ctx.services, ctx.repos, a.org, ctx.now);
    await ctx.audit({
      action: 'audit.review',
      orgId: a.org ?? null,
      detail: { total: review.total, flagged: review.flagged },
    });
    // Flagged grants first, so the ones that need a decision are on screen.
    const ordered = [...review.rows.filter((r) => r.flags.length), ...review.rows.filter((r) => !r.flags.length)];
    const shown = ordered.slice(0, SHOWN);
    const table = [
      ['Grant', 'Member', 'Role', 'Scope', 'Granted by', 'Granted', 'Expires', 'Reason', 'Last active', 'Flags'],
      ...shown.map((r) => [
        r.ref,
        r.member,
        r.role,
        r.scope,
        r.granter,
        formatWhen(r.grantedAt),
        r.expiresAt ? formatWhen(r.expiresAt) : 'never',
        r.reason ?? '',
        formatWhen(r.lastActivity),
        r.flags.join(' ') || 'ok',
      ]),
    ];
    const more = ordered.length > SHOWN ? `\n(${ordered.length - SHOWN} more grants in the attachments.)` : '';
    const stamp = ctx.now.toISOString().slice(0, 10);
    const base = `access-review-${a.org ?? 'all'}-${stamp}`;
    return reply(`${summary(review)}${more}`, {
      table: review.total ? table : undefined,
      attachments: [
        attachBlocks(`${base}.csv`, 'text/csv', reviewCsvBlocks(review)),
        attachBlocks(`${base}.json`, 'application/json', reviewJsonBlocks(review)),
      ],
    });
  },
});

export const auditDecide = defineCommand({
  group: 'audit',
  name: 'decide',
  description: 'Record an access-review decision on a grant: keep it, or revoke it now',
  args: {
    grant: arg.string('The grant, as shown by /audit review (the first characters of its id)'),
    decision: arg.choice('keep or revoke', ['keep', 'revoke']),
    note: arg.text('Why (recorded with the decision)', { optional: true, positional: true }),
  },
  permission: 'audit.review',
  async handler(ctx, a) {
    const env = envOf(ctx);
    const grant = await findGrantByRef(env, a.grant);
    await recordReviewDecision(env, actorOf(ctx), grant, a.decision, a.note ?? null);
    const holder = (await ctx.repos.members.findById(grant.memberId))?.displayName ?? grant.memberId;
    const what = `${holder}'s ${grant.role} (${grant.orgId ?? 'global'})`;
    return reply(a.decision === 'keep' ? `Kept ${what}; marked as reviewed.` : `Revoked ${what}.`);
  },
});
