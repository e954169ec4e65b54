import { verifyAuditChain, verifyResultText } from '../../core/audit/verify.js';
import { reply } from '../../core/message.js';
import { defineCommand } from '../registry.js';

export const auditVerify = defineCommand({
  group: 'audit',
  name: 'verify',
  description: 'Check the whole audit chain and name the first broken entry',
  args: {},
  permission: 'audit.verify',
  scope: () => 'global',
  async handler(ctx) {
    const result = await verifyAuditChain(ctx.repos.audit);
    await ctx.audit({
      action: 'audit.verify',
      outcome: result.ok ? 'ok' : 'error',
      detail: { checked: result.checked, firstBadSeq: result.problem?.seq ?? null },
    });
    if (result.problem) {
      await ctx.emit({ type: 'audit.tampered', firstBadSeq: result.problem.seq });
      await ctx.notify({
        to: { kind: 'channel', channel: ctx.services.config.STEWARD_STAFF_CHANNEL },
        message: { text: `Security: ${verifyResultText(result)}` },
      });
    }
    return reply(verifyResultText(result));
  },
});
