// Given Steward on Slack, people joining the workspace become members (and nothing more),
// and a deactivated account is a departure: the core revokes everything they held.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM_ID, type FakeUser } from '../support/fake-slack.js';
import { type SlackTestBed, startSlackTestBed } from '../support/fake-slack-harness.js';
import { teamJoin, userChange } from '../support/fake-slack-requests.js';

const owner: FakeUser = { id: 'U0OWNER01', name: 'olivia', is_primary_owner: true };
const newbie: FakeUser = { id: 'U0NEWBIE1', name: 'nina' };
const chosen: FakeUser = { id: 'U0CHOSEN1', name: 'chris' };

let t: SlackTestBed;
beforeEach(async () => {
  t = await startSlackTestBed({ users: [owner, newbie, chosen], env: { STEWARD_SUPER_ADMINS: `slack:${chosen.id}` } });
});
afterEach(async () => {
  await t.close();
});

const repos = () => t.bot.steward.services.store.repos;
const memberOf = (u: FakeUser) =>
  repos().members.findByAccount({ platform: 'slack', workspaceId: FAKE_TEAM_ID, userId: u.id });
async function rolesOf(u: FakeUser) {
  const m = await memberOf(u);
  return m ? (await repos().grants.unrevokedFor(m.id)).map((g) => g.role).sort() : [];
}

describe('Slack workspace membership', () => {
  it('identifies a joiner as a member, and a configured super admin as super admin (told by DM)', async () => {
    await t.slack.event(teamJoin({ userId: newbie.id, name: 'nina', realName: 'Nina New' }));
    await t.slack.event(teamJoin({ userId: chosen.id, name: 'chris' }));
    const notice = await t.fake.waitFor(() =>
      t.fake.accepted('chat.postMessage').find((c) => c.args.channel === `D${chosen.id.slice(1)}`),
    );
    expect(String(notice.args.text)).toContain('STEWARD_SUPER_ADMINS');
    expect((await memberOf(newbie))?.displayName).toBe('nina');
    expect(await rolesOf(newbie)).toEqual(['member']);
    expect(await rolesOf(chosen)).toEqual(['member', 'super_admin']);
    // Nobody gains a role by arriving first.
    expect(t.fake.accepted('chat.postMessage').filter((c) => c.args.channel === `D${newbie.id.slice(1)}`)).toEqual([]);
  });

  it('revokes everything when Slack reports the account deactivated, once for a redelivered event', async () => {
    await t.command(chosen, '/steward', 'status'); // listed in STEWARD_SUPER_ADMINS
    await t.command(newbie, '/steward', 'status');
    await t.command(chosen, '/role', `assign <@${newbie.id}|nina> support`);
    expect(await rolesOf(newbie)).toEqual(['member', 'support']);

    const event = userChange({ userId: newbie.id, deleted: true });
    for (const retryNum of [undefined, 1, 2]) expect((await t.slack.event(event, { retryNum })).status).toBe(200);
    await expect.poll(async () => (await memberOf(newbie))?.status, { timeout: 10_000 }).toBe('departed');
    expect(await rolesOf(newbie)).toEqual([]);
    const prisma = (
      t.bot.steward.services.store as unknown as {
        prisma: { auditEntry: { findMany(q: object): Promise<{ action: string }[]> } };
      }
    ).prisma;
    const entries = await prisma.auditEntry.findMany({ where: { action: { startsWith: 'member.left' } } });
    expect(entries).toHaveLength(1);
  });

  it('ignores profile changes of active accounts', async () => {
    await t.command(newbie, '/steward', 'status');
    await t.slack.event(userChange({ userId: newbie.id, deleted: false }));
    await new Promise((r) => setTimeout(r, 300));
    expect((await memberOf(newbie))?.status).toBe('active');
    expect(await rolesOf(newbie)).toEqual(['member']);
  });
});
