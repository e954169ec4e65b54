// All configuration, from the environment (and ./.env when present), validated by one
// zod schema. A bad or missing value stops start-up with one message listing every bad
// variable and what it expects; secrets are never echoed.
import { z } from 'zod';
import { ConfigFileError, loadAccessSettings, loadJobOverrides } from './config-file.js';
import type { AccessSettings } from './core/access/settings.js';
import { parseBlocklist } from './core/relay/spam.js';
import { DEFAULT_SLA_WARN_PERCENT, parseSlaPolicy } from './core/tickets/sla-policy.js';
import { JOBS } from './scheduler/catalogue.js';
import type { JobSettings } from './scheduler/job.js';
import { resolveJobSettings, ScheduleConfigError } from './scheduler/settings.js';
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

/** `staff=C0123,support=C0456`: logical channel names (as in STEWARD_*_CHANNEL) to platform ids. */
function channelMap(id: RegExp, example: string) {
  return z
    .string()
    .default('')
    .transform((v, ctx) => {
      const map: Record<string, string> = {};
      for (const entry of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const m = /^#?([A-Za-z0-9_.-]+)\s*=\s*(\S+)$/.exec(entry);
        if (!m || !id.test(m[2]!)) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not name=ID (e.g. ${example})` });
          return z.NEVER;
        }
        map[m[1]!.toLowerCase()] = m[2]!;
      }
      return map;
    });
}

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
  /** Default time zone of scheduled jobs (an IANA name). */
  STEWARD_TIMEZONE: z.string().default('UTC'),
  /** Run scheduled jobs in this process (every instance may: each period runs once). */
  STEWARD_SCHEDULER: z.enum(['on', 'off']).default('on'),
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
  /** Relay anti-spam: messages a member may send staff per minute before more are held. */
  STEWARD_RELAY_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** The same message again within this many minutes is held as a duplicate. */
  STEWARD_RELAY_DUPLICATE_MINUTES: z.coerce.number().min(0).default(5),
  /** Comma-separated words/domains or /regex/ that hold a message; unset = link shorteners, `none` = off. */
  STEWARD_RELAY_BLOCKLIST: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseBlocklist(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** Brand-new members (first contact less than this many minutes ago) ... */
  STEWARD_RELAY_NEW_MEMBER_MINUTES: z.coerce.number().min(0).default(10),
  /** ... may send this many messages before the rest are held for a moderator. */
  STEWARD_RELAY_NEW_MEMBER_LIMIT: z.coerce.number().int().min(1).default(5),
  /** Messages from one member in one minute that open a security incident. */
  STEWARD_RELAY_BURST: z.coerce.number().int().min(2).default(30),
  /** How staff replies are signed to members: the staff member's name, or just "Staff". */
  STEWARD_RELAY_SIGNATURE: z.enum(['name', 'staff']).default('name'),
  /** Conversations with no message for this many days are purged (0 = keep forever). */
  STEWARD_RELAY_RETENTION_DAYS: z.coerce.number().int().min(0).default(365),
  /** Unacknowledged security incidents escalate to super admins after this many hours. */
  STEWARD_INCIDENT_ACK_HOURS: z.coerce.number().positive().default(2),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_API_URL: z.url().optional(),
  SLACK_PORT: port.default(3000),
  /** Logical channels Slack can reach: `staff=C0123,support=C0456` (names as in STEWARD_*_CHANNEL). */
  SLACK_CHANNELS: channelMap(/^[CG][A-Z0-9]{2,}$/, 'staff=C0123ABCD, a Slack channel id'),
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
  /** Logical channel → Discord channel id, e.g. "staff=1234567890123456,support=2345678901234567". */
  DISCORD_CHANNELS: channelMap(/^\d{15,22}$/, 'staff=1234567890123456, a Discord channel id'),
  /** Where application commands are registered at start: one guild (instant), global, or off. */
  DISCORD_COMMANDS: z.enum(['guild', 'global', 'off']).optional(),
  /** Gateway shards: a number or "auto" (Discord's recommendation). Unset: one process, no sharding. */
  DISCORD_SHARDS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)]).optional(),
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
  if (env.DISCORD_COMMANDS === 'guild' && !env.DISCORD_GUILD_ID) {
    problems.push('DISCORD_GUILD_ID: required with DISCORD_COMMANDS=guild');
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
  /** Access-governance settings from STEWARD_CONFIG_FILE (defaults without one). */
  access: AccessSettings;
  /** Each scheduled job's cron, time zone, channel and on/off (defaults + the file's `jobs:`). */
  jobs: Record<string, JobSettings>;
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
  let access: AccessSettings;
  let jobs: Record<string, JobSettings>;
  try {
    access = loadAccessSettings(parsed.STEWARD_CONFIG_FILE);
    jobs = resolveJobSettings(JOBS, loadJobOverrides(parsed.STEWARD_CONFIG_FILE), {
      timezone: parsed.STEWARD_TIMEZONE,
      channel: parsed.STEWARD_REPORTS_CHANNEL,
    });
  } catch (error) {
    if (error instanceof ConfigFileError || error instanceof ScheduleConfigError) throw new ConfigError(error.problems);
    throw error;
  }
  return {
    ...parsed,
    access,
    jobs,
    database: parseDatabaseUrl(parsed.DATABASE_URL),
    slackEnabled: Boolean(parsed.SLACK_BOT_TOKEN),
    discordEnabled: Boolean(parsed.DISCORD_TOKEN),
  };
}
