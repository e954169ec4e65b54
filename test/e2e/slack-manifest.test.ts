// The committed Slack app manifest is exactly what the command registry generates, and it
// asks for what the adapter uses: every command group, its events, scopes and App Home.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSlackManifest, MANIFEST_PATH, slackManifestYaml } from '../../adapters/slack/manifest.js';
import { ALL_COMMANDS } from '../../src/commands/index.js';
import { Registry } from '../../src/commands/registry.js';
import { projectRoot } from '../../src/store/migrations.js';

const registry = new Registry(ALL_COMMANDS);

describe('Slack app manifest', () => {
  it('is committed exactly as the registry generates it (run `npm run manifest:slack` after changing commands)', () => {
    const committed = readFileSync(path.join(projectRoot, MANIFEST_PATH), 'utf8');
    expect(committed).toBe(slackManifestYaml(registry));
  });

  it('declares one slash command per command group, within Slack’s limits, with escaped mentions', () => {
    const manifest = parse(readFileSync(path.join(projectRoot, MANIFEST_PATH), 'utf8'));
    const commands = manifest.features.slash_commands as {
      command: string;
      description: string;
      should_escape: boolean;
      usage_hint?: string;
    }[];
    expect(commands.map((c) => c.command).sort()).toEqual(
      registry
        .groups()
        .map((g) => `/${g}`)
        .sort(),
    );
    expect(commands.length).toBeLessThanOrEqual(50);
    for (const c of commands) {
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
      expect(c.should_escape).toBe(true);
    }
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
  });

  it('subscribes to the events and asks for the scopes the adapter uses', () => {
    const manifest = buildSlackManifest(registry);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['message.im', 'message.channels', 'app_home_opened', 'team_join', 'user_change']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'files:write']),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('makes a Socket Mode variant without request URLs, and puts a given public URL everywhere', () => {
    const socket = buildSlackManifest(registry, { socketMode: true });
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('https://');
    const hosted = slackManifestYaml(registry, { baseUrl: 'https://steward.acme.org/' });
    expect(hosted).toContain('https://steward.acme.org/slack/events');
    expect(hosted).not.toContain('steward.example.com/slack');
  });
});
