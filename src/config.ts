// All configuration, from the environment (and ./.env when present), validated by one
// zod schema. A bad or missing value stops start-up with one message listing every bad
// variable and what it expects; secrets are never echoed.
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from './store/database-url.js';

const csv = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const optionalSecret = z.string().trim().min(1).optional();
const port = z.coerce.number().int().min(1).max(65535);
const channelName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_#-][A-Za-z0-9_.-]*$/, 'a channel name like staff or a platform channel id')
  .transform((v) => v.replace(/^#/, ''));

export const ENV_SCHEMA = z
  .object({
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .superRefine((v, ctx) => {
        try {
          parseDatabaseUrl(v);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
        }
      }),
    STEWARD_DATA_DIR: z.string().default('./data'),
    STEWARD_MASTER_KEY: optionalSecret.describe('base64 of 32 random bytes'),
    STEWARD_SUPER_ADMINS: csv,
    STEWARD_CONFIG_FILE: z.string().optional(),
    STEWARD_STAFF_CHANNEL: channelName.default('staff'),
    STEWARD_SUPPORT_CHANNEL: channelName.default('support'),
    STEWARD_ESCALATION_CHANNEL: channelName.default('it-escalations'),
    STEWARD_MODERATION_CHANNEL: channelName.default('moderation'),
    STEWARD_REPORTS_CHANNEL: channelName.default('reports'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    SLACK_BOT_TOKEN: optionalSecret,
    SLACK_SIGNING_SECRET: optionalSecret,
    SLACK_APP_TOKEN: optionalSecret,
    SLACK_API_URL: z.url().optional(),
    SLACK_PORT: port.default(3000),
    DISCORD_TOKEN: optionalSecret,
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{15,22}$/, 'a Discord application id (a snowflake: digits only)')
      .optional(),
    DISCORD_PUBLIC_KEY: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, '64 hexadecimal characters (the application public key)')
      .optional(),
    DISCORD_API_URL: z.url().optional(),
    DISCORD_GUILD_ID: z
      .string()
      .regex(/^\d{15,22}$/, 'a Discord guild id (digits only)')
      .optional(),
    DISCORD_INTERACTIONS_PORT: port.default(3001),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'required to connect to Slack' });
    }
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'required with DISCORD_TOKEN' });
    }
    if (env.DISCORD_APPLICATION_ID && !env.DISCORD_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_TOKEN'], message: 'required with DISCORD_APPLICATION_ID' });
    }
    if (parseDatabaseUrlSafe(env.DATABASE_URL)?.provider === 'postgresql' && !env.STEWARD_MASTER_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['STEWARD_MASTER_KEY'],
        message: 'required with PostgreSQL (every instance must share it); generate one with `npm run keys:generate`',
      });
    }
  });

function parseDatabaseUrlSafe(v: string) {
  try {
    return parseDatabaseUrl(v);
  } catch {
    return undefined;
  }
}

export type Env = z.output<typeof ENV_SCHEMA>;

export interface Config extends Env {
  database: ReturnType<typeof parseDatabaseUrl>;
  slackEnabled: boolean;
  discordEnabled: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Steward cannot start: the configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example and the README's "Configuration" section.`,
    );
    this.name = 'ConfigError';
  }
}

/** What a variable expects, for the error message; never the value given (it may be a secret). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.') || '(environment)';
  return `${name}: ${issue.message}`;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings (VAR= in .env) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ENV_SCHEMA.safeParse(cleaned);
  if (!result.success) throw new ConfigError(result.error.issues.map(describeIssue));
  const parsed = result.data;
  return {
    ...parsed,
    database: parseDatabaseUrl(parsed.DATABASE_URL),
    slackEnabled: Boolean(parsed.SLACK_BOT_TOKEN),
    discordEnabled: Boolean(parsed.DISCORD_TOKEN),
  };
}
