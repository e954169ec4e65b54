// What relay messaging holds about a member, for /privacy export and /privacy erase:
// their conversations (decrypted), reports they filed and blocks on them.
import type { PrivacyContributor } from '../privacy/contributor.js';
import { conversationCode, messageCode, queueCode } from './codes.js';
import { type AreaEnv, UNREADABLE, unseal } from './env.js';
import { People } from './people.js';

export const relayPrivacy: PrivacyContributor = {
  area: 'relay',
  async export(services, repos, memberId) {
    const env: AreaEnv = { services, repos, now: services.clock.now() };
    const people = new People(repos);
    const conversations = [];
    for (const c of await repos.relay.conversations({ memberId, limit: 100_000 })) {
      const messages = [];
      for (const m of await repos.relay.messages(c.number)) {
        const from =
          m.kind === 'member'
            ? 'you'
            : m.kind === 'note'
              ? 'staff (internal note)'
              : m.signature === 'staff'
                ? 'Staff'
                : await people.staffName(m.authorId);
        messages.push({
          ref: messageCode(m.number),
          at: m.createdAt.toISOString(),
          from,
          status: m.status,
          heldBecause: m.holdReason,
          text: (await unseal(env, m.body, m.keyId)) ?? UNREADABLE,
        });
      }
      conversations.push({
        ref: conversationCode(c.number),
        status: c.status,
        openedAt: c.openedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
        messages: messages,
      });
    }
    const reports = [];
    for (const r of await repos.relay.reportsBy(memberId)) {
      reports.push({
        ref: queueCode(r.number),
        category: r.category,
        at: r.createdAt.toISOString(),
        status: r.status,
        outcome: r.outcome,
        reason: r.reason && r.reasonKeyId ? ((await unseal(env, r.reason, r.reasonKeyId)) ?? UNREADABLE) : null,
      });
    }
    const blocks = [];
    for (const b of await repos.relay.blocksOn(memberId)) {
      blocks.push({
        from: b.createdAt.toISOString(),
        until: b.expiresAt?.toISOString() ?? null,
        liftedAt: b.liftedAt?.toISOString() ?? null,
        reason: (await unseal(env, b.reason, b.keyId)) ?? UNREADABLE,
      });
    }
    return { conversations, reportsFiled: reports, blocks };
  },
  async erase(_services, repos, memberId) {
    await repos.relay.deleteMemberData(memberId);
  },
};
