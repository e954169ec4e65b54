// The command entry point every adapter uses: identify the invoker, find the command,
// validate its arguments, check its one permission, run it in one transaction.
// Core decides permissions here; adapters only translate.
import type { z } from 'zod';
import { AccessDenied } from '../core/access/denied.js';
import { permits, type Scope } from '../core/access/evaluator.js';
import type { Permission } from '../core/access/permissions.js';
import { appendAudit } from '../core/audit/audit-log.js';
import { asStewardError, badArgument, ErrorCode, StewardError } from '../core/errors.js';
import {
  type AccountFacts,
  type BootstrapPolicy,
  type BootstrapReason,
  ensureConfiguredSuperAdmin,
  identify,
} from '../core/identity/identify.js';
import { type Reply, reply } from '../core/message.js';
import { enqueueNotification } from '../core/notify.js';
import type { AccountRef, Repos } from '../core/ports.js';
import type { Services } from '../services.js';
import { ArgTextError, argsSchema, splitArgText } from './args.js';
import type { ChannelRef, CommandContext } from './context.js';
import { type CommandSpec, commandPath, usage } from './registry.js';
import { type MentionParser, resolveMemberToken } from './resolve-member.js';

export interface Invoker {
  account: AccountRef;
  /** Name shown for a new member; adapters pass the platform display name. */
  displayName: string;
  parseMention: MentionParser;
  /** Facts the platform reports (e.g. workspace owner); the core decides what they grant. */
  facts?: AccountFacts;
}

export interface CommandInput extends Invoker {
  /** Top-level command without the slash, e.g. "role". */
  group: string;
  /** Text after the top-level command (Slack, console): "assign @bob support". */
  text?: string;
  /** Typed input (Discord): the subcommand and option values by name. */
  subcommand?: string;
  options?: Record<string, unknown>;
  channel: ChannelRef | null;
  /** Platform event or interaction id: a repeat is acknowledged but not acted on. */
  eventId?: string;
}

export interface CommandOutcome {
  ok: boolean;
  code?: ErrorCode;
  /** True when the event id was seen before: nothing was done. */
  duplicate?: boolean;
  replies: Reply[];
}

const failure = (error: StewardError, extra?: string): CommandOutcome => ({
  ok: false,
  code: error.code,
  replies: [reply(extra ? `${error.userMessage}\n${extra}` : error.userMessage)],
});

interface Resolved {
  spec: CommandSpec;
  raw: Record<string, unknown>;
}

function findCommand(services: Services, input: CommandInput): Resolved {
  const { registry } = services;
  const group = input.group.replace(/^\//, '').toLowerCase();
  const commands = registry.inGroup(group);
  if (commands.length === 0) {
    throw new StewardError(
      ErrorCode.UnknownCommand,
      `There is no /${group} command. Run /steward help to see what you can do.`,
    );
  }
  const topLevel = registry.get(group, '');
  let name = input.subcommand?.toLowerCase();
  let text = input.text?.trim() ?? '';
  if (name === undefined && !topLevel) {
    const [first = '', ...rest] = text.split(/\s+/);
    name = first.toLowerCase();
    text = rest.join(' ');
  }
  const spec = topLevel && !name ? topLevel : registry.get(group, name ?? '');
  if (!spec) {
    const known = commands.map((c) => c.name).filter(Boolean);
    const what = name ? `/${group} has no subcommand "${name}".` : `/${group} needs a subcommand.`;
    throw new StewardError(ErrorCode.UnknownCommand, `${what} Try one of: ${known.join(', ')}.`);
  }
  if (input.options) return { spec, raw: input.options };
  try {
    return { spec, raw: splitArgText(spec.args, text) };
  } catch (error) {
    if (error instanceof ArgTextError) throw badArgument(`${error.message}.\nUsage: ${usage(spec)}`);
    throw error;
  }
}

function parseArgs(spec: CommandSpec, raw: Record<string, unknown>): Record<string, unknown> {
  const result = argsSchema(spec.args).safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue: z.core.$ZodIssue) => {
    const name = String(issue.path[0] ?? '');
    const given = raw[name];
    if (given === undefined) return `\`${name}\` is missing`;
    return `\`${name}\` ${issue.message}`;
  });
  throw badArgument(`${problems.join('; ')}.\nUsage: ${usage(spec)}`);
}

/** Roles that hold a permission, for "you need X" messages. */
function holdersOf(services: Services, permission: Permission): string {
  return services.catalogue
    .all()
    .filter((r) => r.permissions.has(permission))
    .map((r) => r.name)
    .join(', ');
}

/**
 * True when this platform event was handled before (a retry or gateway replay); records
 * it otherwise. Call inside the transaction that acts on the event, so a failed attempt
 * leaves it unrecorded and a retry can still act.
 */
export async function alreadyHandled(
  repos: Repos,
  input: { account: AccountRef; eventId?: string },
  now: Date,
): Promise<boolean> {
  if (!input.eventId) return false;
  return !(await repos.events.remember(`${input.account.platform}:${input.eventId}`, now));
}

export function buildContext(
  services: Services,
  repos: Repos,
  actor: CommandContext['actor'],
  channel: ChannelRef | null,
  now: Date,
  parseMention: MentionParser,
): CommandContext {
  const visitor = services.catalogue.get('visitor');
  return {
    services,
    repos,
    actor,
    channel,
    now,
    can(permission, scope: Scope = 'any') {
      if (visitor?.permissions.has(permission)) return true;
      return actor.member.status === 'active' && permits(services.catalogue, actor.grants, permission, scope, now);
    },
    resolveMember: (token) => resolveMemberToken(repos, token, parseMention),
    async audit(event) {
      await appendAudit(
        repos.audit,
        { ...event, actorId: event.actorId === undefined ? actor.member.id : event.actorId },
        now,
      );
    },
    async notify(notification) {
      await enqueueNotification(repos, services.keyring, notification, now);
    },
    emit: (event) => services.emit(repos, now, event),
  };
}

/** Finds or creates the member behind the account, inside the transaction. */
export async function identifyActor(services: Services, repos: Repos, invoker: Invoker, now: Date) {
  const policy: BootstrapPolicy = services.bootstrap;
  const identified = await identify(
    repos,
    services.catalogue,
    policy,
    invoker.account,
    invoker.displayName,
    now,
    invoker.facts,
  );
  let grants = identified.grants ?? (await repos.grants.unrevokedFor(identified.member.id));
  if (!identified.created) {
    const facts = invoker.facts ?? {};
    const how = await ensureConfiguredSuperAdmin(repos, policy, identified.member, invoker.account, now, facts, grants);
    if (how) {
      identified.bootstrapped = how;
      grants = await repos.grants.unrevokedFor(identified.member.id);
    }
  }
  return { identified, actor: { member: identified.member, account: invoker.account, grants } };
}

export function bootstrapNotice(name: string, how: BootstrapReason | undefined): Reply[] {
  if (how === 'first-member') {
    return [
      reply(
        `${name} is the first member of this new database and is now super_admin. (Set STEWARD_SUPER_ADMINS to choose super admins instead.)`,
      ),
    ];
  }
  if (how === 'configured') return [reply(`${name} is listed in STEWARD_SUPER_ADMINS and is now super_admin.`)];
  if (how === 'workspace-owner') {
    return [reply(`${name} owns this workspace and is now super_admin, because STEWARD_SUPER_ADMINS is empty.`)];
  }
  return [];
}

export async function runCommand(services: Services, input: CommandInput): Promise<CommandOutcome> {
  const { store, clock, logger } = services;
  let resolved: Resolved;
  try {
    resolved = findCommand(services, input);
  } catch (error) {
    return failure(asStewardError(error));
  }
  const { spec, raw } = resolved;
  const now = clock.now();
  try {
    return await store.transact(async (repos) => {
      if (await alreadyHandled(repos, input, now)) {
        return { ok: true, duplicate: true, replies: [] };
      }
      const { identified, actor } = await identifyActor(services, repos, input, now);
      const notices = bootstrapNotice(identified.member.displayName, identified.bootstrapped);
      const args = parseArgs(spec, raw);
      const ctx = buildContext(services, repos, actor, input.channel, now, input.parseMention);
      const scope = spec.scope ? spec.scope(args as never) : 'any';
      if (!ctx.can(spec.permission, scope)) {
        await ctx.audit({
          action: commandPath(spec).replace(' ', '.'),
          outcome: 'denied',
          orgId: typeof scope === 'object' ? scope.orgId : null,
          detail: { permission: spec.permission },
        });
        // Commit the denial's audit entry (and any first-contact identity), then answer.
        return {
          ok: false,
          code: ErrorCode.Forbidden,
          replies: [
            ...notices,
            reply(
              `You don't have permission to run /${commandPath(spec)}: it needs \`${spec.permission}\`${scopeText(scope)}, which the roles ${holdersOf(services, spec.permission)} grant. Ask an admin, or request a role with /role request.`,
            ),
          ],
        };
      }
      const result = await spec.handler(ctx, args as never);
      return { ok: true, replies: [...notices, ...(Array.isArray(result) ? result : [result])] };
    });
  } catch (error) {
    const stewardError = asStewardError(error);
    if (stewardError.code === ErrorCode.Internal) {
      logger.error({ err: error, command: commandPath(spec), code: stewardError.code }, 'command failed');
    }
    if (stewardError instanceof AccessDenied) await recordDenial(services, input, stewardError, now);
    return failure(stewardError);
  }
}

/** A refusal decided by a handler rolled its transaction back; the attempt still goes on record. */
async function recordDenial(services: Services, input: CommandInput, denied: AccessDenied, now: Date) {
  try {
    await services.store.transact(async (repos) => {
      const { actor } = await identifyActor(services, repos, input, now);
      await appendAudit(repos.audit, { ...denied.attempt, actorId: actor.member.id, outcome: 'denied' }, now);
    });
  } catch (err) {
    services.logger.error({ err, action: denied.attempt.action }, 'could not record a denied attempt');
  }
}

function scopeText(scope: Scope): string {
  return typeof scope === 'object' ? ` in organisation ${scope.orgId}` : '';
}
