// manifest/discord-commands.json is generated from the command registry; the committed
// file must equal what the registry makes (regenerate with `npm run manifest:discord`),
// and every command fits Discord's limits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationCommands, manifestText } from '../../adapters/discord/application-commands.js';
import { arg } from '../../src/commands/args.js';
import { ALL_COMMANDS } from '../../src/commands/index.js';
import { defineCommand, Registry } from '../../src/commands/registry.js';
import { reply } from '../../src/core/message.js';
import { projectRoot } from '../../src/store/migrations.js';

const registry = new Registry(ALL_COMMANDS);

describe('Discord application commands', () => {
  it('the committed manifest equals what the registry generates', () => {
    const committed = readFileSync(path.join(projectRoot, 'manifest', 'discord-commands.json'), 'utf8');
    expect(committed, 'manifest/discord-commands.json is stale: run `npm run manifest:discord`').toBe(
      manifestText(registry),
    );
  });

  it('renders every registry command within Discord limits', () => {
    const commands = applicationCommands(registry);
    expect(commands.map((c) => c.name).sort()).toEqual(registry.groups().sort());
    const walk = (options: { name: string; description: string; options?: unknown[]; choices?: unknown[] }[]) => {
      expect(options.length).toBeLessThanOrEqual(25);
      for (const o of options) {
        expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
        if (o.options) walk(o.options as typeof options);
      }
    };
    walk(commands as unknown as Parameters<typeof walk>[0]);
  });

  it('maps argument kinds to typed options, required ones first', () => {
    const example = defineCommand({
      group: 'demo',
      name: 'grant',
      description:
        'A demonstration command whose description is deliberately far longer than Discord allows for one, so it has to be cut at a word',
      args: {
        reason: arg.text('Why', { optional: true, positional: true }),
        member: arg.member('Who'),
        level: arg.int('How much', 1, 5),
        colour: arg.choice('Which', ['red', 'blue']),
        expiresAt: arg.duration('Until when', { optional: true }),
      },
      permission: 'steward.help',
      handler: async () => reply('ok'),
    });
    const [demo] = applicationCommands(new Registry([example]));
    const sub = (
      demo as unknown as { options: { name: string; description: string; options: Record<string, unknown>[] }[] }
    ).options[0]!;
    expect(sub.description.length).toBeLessThanOrEqual(100);
    expect(sub.description.endsWith('…')).toBe(true);
    expect(sub.options).toEqual([
      { name: 'member', description: 'Who', required: true, type: 6 },
      { name: 'level', description: 'How much', required: true, type: 4, min_value: 1, max_value: 5 },
      {
        name: 'colour',
        description: 'Which',
        required: true,
        type: 3,
        choices: [
          { name: 'red', value: 'red' },
          { name: 'blue', value: 'blue' },
        ],
      },
      { name: 'reason', description: 'Why', required: false, type: 3 },
      { name: 'expires_at', description: 'Until when', required: false, type: 3 },
    ]);
  });

  it('refuses a group that mixes a top-level command with subcommands, naming it', () => {
    const top = defineCommand({
      group: 'mixed',
      name: '',
      description: 'Top',
      args: {},
      permission: 'steward.help',
      handler: async () => reply('ok'),
    });
    const sub = defineCommand({ ...top, name: 'sub' } as never);
    expect(() => applicationCommands(new Registry([top, sub]))).toThrow(/\/mixed has both a top-level command/);
  });
});
