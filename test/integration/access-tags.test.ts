// Tags group people and nothing else: for every member and every command in the
// registry, in every scope, the permission decision is the same before and after
// tagging everyone with every role name (and then some).
import { afterEach, describe, expect, it } from 'vitest';
import { parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { buildContext } from '../../src/commands/dispatch.js';
import { ALL_COMMANDS } from '../../src/commands/index.js';
import { commandPath } from '../../src/commands/registry.js';
import type { Scope } from '../../src/core/access/evaluator.js';
import { reposOf, runAs } from '../support/access.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => bot?.close());

const PEOPLE = ['alice', 'bob', 'carol', 'dave'];
const SCOPES: Scope[] = ['global', 'any', { orgId: 'acme' }, { orgId: 'beta' }];

async function decisions(): Promise<string[]> {
  const repos = reposOf(bot);
  const { services } = bot.steward;
  const out: string[] = [];
  for (const name of PEOPLE) {
    const [member] = await repos.members.findByName(name);
    const grants = await repos.grants.unrevokedFor(member!.id);
    const account = { platform: 'console', workspaceId: 'local', userId: name };
    const ctx = buildContext(
      services,
      repos,
      { member: member!, account, grants },
      null,
      bot.clock.now(),
      parseConsoleMention,
    );
    for (const spec of ALL_COMMANDS) {
      for (const scope of SCOPES)
        out.push(`${name} /${commandPath(spec)} ${JSON.stringify(scope)} ${ctx.can(spec.permission, scope)}`);
    }
  }
  return out;
}

describe('tags', () => {
  it('never change any permission decision', async () => {
    bot = await startTestSteward();
    await bot.run('/as alice\n/org create acme Acme\n/org create beta Beta\n/as bob\n/as carol\n/as dave\n/as alice');
    await bot.run('/role assign @bob org_admin org:acme x\n/role assign @carol support y');
    const before = await decisions();
    expect(before.filter((d) => d.endsWith('true')).length).toBeGreaterThan(0);
    expect(before.filter((d) => d.endsWith('false')).length).toBeGreaterThan(0);

    const tags = [...bot.steward.services.catalogue.names(), 'admin', 'staff', 'acme', 'verified'];
    for (const name of PEOPLE) {
      for (const tag of tags) expect((await runAs(bot, 'alice', `/tag add @${name} ${tag}`)).ok).toBe(true);
    }
    expect((await reposOf(bot).tags.counts()).length).toBe(tags.length);
    expect(await decisions()).toEqual(before);
  });
});
