// All configuration, from the environment (and ./.env when present), validated by one
// zod schema. A bad or missing value stops start-up with one message listing every bad
// variable and what it expects; secrets are never echoed.
import { z } from 'zod';
import { DEFAULT_SLA_WARN_PERCENT, parseSlaPolicy } from './core/tickets/sla-policy.js';
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

export const ENV_SCHEMA = z.object({
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
  /** Ticket SLA targets per priority, e.g. `urgent=15m/4h,high=1h/8h,normal=4h/3d,low=1d/7d`. */
  STEWARD_SLA: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseSlaPolicy(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** Warn a ticket's assignee when this percentage of an SLA target has passed. */
  STEWARD_SLA_WARN_PERCENT: z.coerce.number().int().min(1).max(99).default(DEFAULT_SLA_WARN_PERCENT),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_API_URL: z.url().optional(),
  SLACK_PORT: port.default(3000),
  /** Logical channels Slack can reach: `staff=C0123,support=C0456` (names as in STEWARD_*_CHANNEL). */
  SLACK_CHANNELS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const map: Record<string, string> = {};
      for (const entry of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const m = /^#?([A-Za-z0-9_.-]+)\s*=\s*([CG][A-Z0-9]{2,})$/.exec(entry);
        if (!m) {
          ctx.addIssue({
            code: 'custom',
            message: `"${entry}" is not name=ID (e.g. staff=C0123ABCD, a Slack channel id)`,
          });
          return z.NEVER;
        }
        map[m[1]!.toLowerCase()] = m[2]!;
      }
      return map;
    }),
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
});

/**
 * Rules between variables. Checked on the raw values, separately from the schema, so
 * one run reports these together with any malformed variable.
 */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN: required to connect to Slack');
  }
  if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
    problems.push('DISCORD_APPLICATION_ID: required with DISCORD_TOKEN');
  }
  if (env.DISCORD_APPLICATION_ID && !env.DISCORD_TOKEN) {
    problems.push('DISCORD_TOKEN: required with DISCORD_APPLICATION_ID');
  }
  if (
    env.DATABASE_URL &&
    parseDatabaseUrlSafe(env.DATABASE_URL)?.provider === 'postgresql' &&
    !env.STEWARD_MASTER_KEY
  ) {
    problems.push(
      'STEWARD_MASTER_KEY: required with PostgreSQL (every instance must share it); generate one with `npm run keys:generate`',
    );
  }
  return problems;
}

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
  const problems = [...(result.success ? [] : result.error.issues.map(describeIssue)), ...crossFieldProblems(cleaned)];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const parsed = result.data;
  return {
    ...parsed,
    database: parseDatabaseUrl(parsed.DATABASE_URL),
    slackEnabled: Boolean(parsed.SLACK_BOT_TOKEN),
    discordEnabled: Boolean(parsed.DISCORD_TOKEN),
  };
}
