// Privacy rights through the console: /privacy export sends the member (and only them)
// everything stored about them, decrypted; /privacy erase asks for confirmation, then
// deletes their data and destroys their data key; old conversations are purged after
// the retention period.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { purgeExpiredConversations } from '../../src/core/relay/retention.js';
import { KeyShreddedError } from '../../src/crypto/keyring.js';
import { auditEntries } from '../support/access.js';
import { dm, linesTo, memberNamed, prismaOf, reposOf, staffTeam } from '../support/relay-fixtures.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

const DAY = 86_400_000;
let bot: TestSteward;
afterEach(async () => {
  await bot.close();
});

/** Captures what the console adapter is asked to send to members (attachments included). */
function captureMemberMessages(t: TestSteward): { to: string; message: Message }[] {
  const sent: { to: string; message: Message }[] = [];
  const original = t.console.toMember.bind(t.console);
  t.console.toMember = async (account, member, message) => {
    sent.push({ to: account.userId, message });
    await original(account, member, message);
  };
  return sent;
}

async function carolWithHistory() {
  bot = await startTestSteward();
  await staffTeam(bot);
  await dm(bot, 'carol', 'My private question');
  await bot.run('/as sam\n/relay reply C-1 A private answer\n/relay note C-1 internal remark');
  await bot.run('/as carol\n/relay report M-2 unfriendly tone');
  await bot.run('/as mo\n/relay block @carol duration:1d cooling off');
}

describe('/privacy export', () => {
  it('sends the member a JSON document with everything about them, decrypted, and nobody else', async () => {
    await carolWithHistory();
    const sent = captureMemberMessages(bot);
    const out = await bot.run('/as carol\n/privacy export');
    expect(linesTo(out, 'ephemeral to carol')[0]).toContain('is on its way to your direct messages');
    expect(out).not.toMatch(/\[#\w+/);
    const exports = sent.filter((s) => s.message.attachments?.length);
    expect(exports.map((s) => s.to)).toEqual(['carol']);
    const attachment = exports[0]!.message.attachments![0]!;
    expect(attachment.contentType).toBe('application/json');
    const doc = JSON.parse(Buffer.from(attachment.data, 'base64').toString('utf8'));

    expect(doc.format).toBe('steward-export/1');
    expect(doc.profile).toMatchObject({ displayName: 'carol', status: 'active' });
    expect(doc.accounts).toEqual([{ platform: 'console', workspaceId: 'local', userId: 'carol' }]);
    expect(doc.roles.map((r: { role: string }) => r.role)).toEqual(['member']);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['relay', 'incidents', 'tickets']));
    const [conversation] = doc.relay.conversations;
    expect(conversation.ref).toBe('C-1');
    expect(conversation.messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
      ['you', 'My private question'],
      ['sam', 'A private answer'],
      ['staff (internal note)', 'internal remark'],
    ]);
    expect(doc.relay.reportsFiled).toMatchObject([{ ref: 'Q-1', category: 'abuse', reason: 'unfriendly tone' }]);
    expect(doc.relay.blocks).toMatchObject([{ reason: 'cooling off', liftedAt: null }]);

    const audited = await auditEntries(bot, { action: 'privacy.export' });
    expect(audited.map((e) => e.subjectId)).toEqual([(await memberNamed(bot, 'carol')).id]);
  });
});

describe('/privacy erase', () => {
  it('asks for confirmation first, and a wrong or expired code erases nothing', async () => {
    await carolWithHistory();
    const first = await bot.run('/as carol\n/privacy erase');
    expect(first).toContain('It cannot be undone');
    const code = /confirm:([A-Z0-9]{8})/.exec(first)?.[1];
    expect(code).toBeDefined();
    expect(first).toContain(`(Erase my data permanently: /privacy erase confirm:${code})`);
    const wrong = await bot.run('/privacy erase confirm:WRONGCODE');
    expect(wrong).toContain('That confirmation code is wrong or has expired, so nothing was erased.');
    bot.clock.advance(16 * 60_000);
    expect(await bot.run(`/privacy erase confirm:${code}`)).toContain('wrong or has expired');
    const carol = await memberNamed(bot, 'carol');
    expect(carol.status).toBe('active');
    expect(await prismaOf(bot).relayMessage.count()).toBe(3);
  });

  it('deletes the member’s data, destroys their key, keeps only a pseudonymous id in the audit log', async () => {
    await carolWithHistory();
    const carol = await memberNamed(bot, 'carol');
    const repos = reposOf(bot);
    // Ciphertext as a backup would hold it, taken before the erasure.
    const [backupRow] = await prismaOf(bot).relayMessage.findMany({ where: { memberId: carol.id }, take: 1 });
    const first = await bot.run('/as carol\n/privacy erase');
    const code = /confirm:([A-Z0-9]{8})/.exec(first)![1];
    const out = await bot.run(`/privacy erase confirm:${code}`);
    expect(out).toContain('Done: your personal data is erased and your encryption key destroyed.');

    const after = await repos.members.findById(carol.id);
    expect(after).toMatchObject({ status: 'erased', displayName: carol.pseudonym });
    expect(await repos.members.accounts(carol.id)).toEqual([]);
    expect(await repos.dataKeys.findByOwner(carol.id)).toBeNull();
    expect(await repos.grants.unrevokedFor(carol.id)).toEqual([]);
    expect(await prismaOf(bot).relayMessage.count({ where: { memberId: carol.id } })).toBe(0);
    expect(await prismaOf(bot).relayConversation.count()).toBe(0);
    expect(await prismaOf(bot).relayBlock.count()).toBe(0);
    expect(await prismaOf(bot).moderationItem.count({ where: { reporterId: carol.id } })).toBe(0);
    await expect(
      bot.steward.services.keyring.open(repos.dataKeys, { ciphertext: backupRow!.body, keyId: backupRow!.keyId }),
    ).rejects.toThrow(KeyShreddedError);

    const erased = await auditEntries(bot, { action: 'privacy.erased' });
    expect(erased.map((e) => [e.actorId, e.subjectId])).toEqual([[carol.id, carol.id]]);
    expect(JSON.stringify(await auditEntries(bot))).not.toContain('carol');

    // Talking to Steward again starts afresh.
    const again = await bot.run('/as carol\nHello again');
    expect(linesTo(again, '#staff thread C-2')[0]).toContain('New conversation C-2 from Member');
    expect((await memberNamed(bot, 'carol')).id).not.toBe(carol.id);
  });
});

describe('retention', () => {
  it('purges conversations with no message for longer than the configured days, and says how many', async () => {
    bot = await startTestSteward({ env: { STEWARD_RELAY_RETENTION_DAYS: '30' } });
    await staffTeam(bot);
    await dm(bot, 'carol', 'old question');
    await bot.run('/as sam\n/relay close C-1');
    bot.clock.advance(20 * DAY);
    await dm(bot, 'dave', 'newer question');
    bot.clock.advance(11 * DAY);
    expect(await purgeExpiredConversations(bot.steward.services, bot.clock.now())).toBe(1);
    const left = await reposOf(bot).relay.conversations({ limit: 10 });
    expect(left.map((c) => c.number)).toEqual([2]);
    expect(await prismaOf(bot).relayMessage.count()).toBe(1);
    const [purged] = await auditEntries(bot, { action: 'relay.purged' });
    expect(JSON.parse(purged!.detail)).toMatchObject({ conversations: 1, retentionDays: 30 });
    expect(await purgeExpiredConversations(bot.steward.services, bot.clock.now())).toBe(0);
  });

  it('keeps everything when retention is 0', async () => {
    bot = await startTestSteward({ env: { STEWARD_RELAY_RETENTION_DAYS: '0' } });
    await dm(bot, 'carol', 'old question');
    bot.clock.advance(3650 * DAY);
    expect(await purgeExpiredConversations(bot.steward.services, bot.clock.now())).toBe(0);
    expect(await prismaOf(bot).relayConversation.count()).toBe(1);
  });
});
