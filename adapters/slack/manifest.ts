// The Slack app manifest, generated from the command registry: one slash command per
// top-level group, with the scopes, events, interactivity and App Home the adapter uses.
// `npm run manifest:slack` writes manifest/slack-app.yaml; a test fails when the
// committed file differs from what the registry generates.
import { stringify } from 'yaml';
import { usageOf } from '../../src/commands/args.js';
import { commandPath, GROUP_DESCRIPTIONS, type Registry } from '../../src/commands/registry.js';

export const MANIFEST_PATH = 'manifest/slack-app.yaml';
export const PLACEHOLDER_BASE_URL = 'https://steward.example.com';

/** What the adapter calls or receives, and why. Keep in step with the listeners and deliverer. */
export const BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // replies, staff threads, member DMs
  'im:write', // conversations.open for member DMs
  'im:history', // message.im: members writing to the bot
  'channels:history', // staff replies in threads (public staff channel)
  'groups:history', // staff replies in threads (private staff channel)
  'users:read', // users.info (names, primary owner), team_join, user_change
  'files:write', // attachments (files.uploadV2)
] as const;

export const BOT_EVENTS = [
  'app_home_opened',
  'message.im',
  'message.channels',
  'message.groups',
  'team_join',
  'user_change',
] as const;

export interface ManifestOptions {
  /** Public base URL of Steward's HTTP endpoint (ignored in Socket Mode). */
  baseUrl?: string;
  socketMode?: boolean;
  appName?: string;
}

const MAX_USAGE_HINT = 1000;
const MAX_DESCRIPTION = 2000;

export function buildSlackManifest(registry: Registry, options: ManifestOptions = {}) {
  const socketMode = options.socketMode ?? false;
  const url = `${(options.baseUrl ?? PLACEHOLDER_BASE_URL).replace(/\/+$/, '')}/slack/events`;
  const withUrl = socketMode ? {} : { url };
  const name = options.appName ?? 'Steward';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Access governance, private member-to-staff messages and support tickets.',
      background_color: '#2c3e50',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: registry.groups().map((group) => {
        const commands = registry.inGroup(group);
        const subcommands = commands.map((c) => c.name).filter(Boolean);
        const description = (GROUP_DESCRIPTIONS[group] ?? commands[0]?.description ?? commandPath(commands[0]!)).slice(
          0,
          MAX_DESCRIPTION,
        );
        const topLevel = registry.get(group, '');
        const hint = subcommands.length
          ? `${subcommands.join(' | ')} … (try /steward help ${group})`
          : topLevel && Object.keys(topLevel.args).length
            ? usageOf(topLevel.args)
            : '';
        return {
          command: `/${group}`,
          ...withUrl,
          description,
          ...(hint
            ? { usage_hint: hint.length > MAX_USAGE_HINT ? `${hint.slice(0, MAX_USAGE_HINT - 1)}…` : hint }
            : {}),
          // Mentions arrive as <@U123|name>, which the adapter resolves to accounts.
          should_escape: true,
        };
      }),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(socketMode ? {} : { request_url: url }), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}

export function slackManifestYaml(registry: Registry, options: ManifestOptions = {}): string {
  const header = [
    '# Slack app manifest for Steward, generated from the command registry by `npm run manifest:slack`.',
    '# Do not edit by hand: a test fails when this file differs from what the registry generates.',
    options.socketMode
      ? '# Socket Mode: no public URL needed; set SLACK_APP_TOKEN (connections:write).'
      : `# Replace ${PLACEHOLDER_BASE_URL} with Steward's public URL (or regenerate with --url).`,
  ].join('\n');
  return `${header}\n${stringify(buildSlackManifest(registry, options), { lineWidth: 0 })}`;
}
