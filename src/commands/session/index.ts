// Live sessions and events: /session start, /session end, /session report, /session list.
// Tickets opened in a session's channel while it runs belong to it.
import { badArgument, conflict, invalidState } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { reply } from '../../core/message.js';
import { enqueueNotification } from '../../core/notify.js';
import { formatDuration, formatTime } from '../../core/tickets/format.js';
import { type LiveSessionRecord, sessionRef } from '../../core/tickets/model.js';
import { buildSessionReport, loadSessionReportData, sessionReport } from '../../core/tickets/session-report.js';
import { findSession } from '../../core/tickets/sessions.js';
import { sessionLabel } from '../../core/tickets/views.js';
import { arg } from '../args.js';
import type { CommandContext } from '../context.js';
import { type CommandSpec, defineCommand } from '../registry.js';

const MAX_NAME = 100;

/** The session named, or else the one running in (or last held in) this channel. */
async function sessionMeant(ctx: CommandContext, token: string | undefined): Promise<LiveSessionRecord> {
  if (token) return findSession(ctx.repos, token);
  const channel = ctx.channel;
  const here = channel
    ? ((await ctx.repos.liveSessions.runningIn(channel.platform, channel.id)) ??
      (await ctx.repos.liveSessions.latestIn(channel.platform, channel.id)))
    : null;
  if (here) return here;
  const [latest] = await ctx.repos.liveSessions.recent(1);
  if (latest) return latest;
  throw badArgument('There are no sessions yet. Start one with /session start <name> in its channel.');
}

export const sessionStart = defineCommand({
  group: 'session',
  name: 'start',
  description: 'Start a live session in this channel; tickets opened here belong to it',
  args: {
    name: arg.text('Name of the session or event'),
    facilitator: arg.member('Who runs it (default you)', { optional: true }),
  },
  permission: 'session.run',
  async handler(ctx, args) {
    const channel = ctx.channel;
    if (!channel) throw badArgument('Start a session in the channel where it takes place, not in a direct message.');
    if (args.name.length > MAX_NAME) throw badArgument(`\`name\` is too long (${MAX_NAME} characters at most).`);
    const facilitator = args.facilitator ? await ctx.resolveMember(args.facilitator) : ctx.actor.member;
    const outcome = await ctx.repos.liveSessions.start({
      id: newId(),
      number: await ctx.repos.tickets.nextNumber('session'),
      name: args.name,
      facilitatorId: facilitator.id,
      startedById: ctx.actor.member.id,
      channelPlatform: channel.platform,
      channelId: channel.id,
      channelName: channel.name,
      startedAt: ctx.now,
    });
    if ('busyWith' in outcome) {
      const running = outcome.busyWith ? `, ${sessionLabel(outcome.busyWith)}` : '';
      throw conflict(`#${channel.name} already has a running session${running}. End it first with /session end.`);
    }
    const started = outcome.started;
    await ctx.audit({ action: 'session.start', subjectId: started.id, detail: { session: sessionRef(started) } });
    await enqueueNotification(
      ctx.repos,
      ctx.services.keyring,
      {
        to: { kind: 'channel', channel: ctx.services.config.STEWARD_SUPPORT_CHANNEL },
        message: {
          text: `Live session ${sessionLabel(started)} started in #${channel.name} (facilitator ${facilitator.displayName}). Tickets opened there belong to it.`,
        },
      },
      ctx.now,
    );
    return reply(
      `Session ${sessionLabel(started)} has started in #${channel.name}, facilitated by ${facilitator.displayName}. Having a problem? Report it here with /ticket open <what went wrong>.`,
      { visibility: 'channel' },
    );
  },
});

export const sessionEnd = defineCommand({
  group: 'session',
  name: 'end',
  description: 'End the live session running in this channel (or the one named)',
  args: {
    session: arg.string('Session (S-3 or its name; default the one running here)', {
      optional: true,
      positional: true,
    }),
  },
  permission: 'session.run',
  async handler(ctx, args) {
    const channel = ctx.channel;
    let session: LiveSessionRecord | null;
    if (args.session) session = await findSession(ctx.repos, args.session);
    else session = channel ? await ctx.repos.liveSessions.runningIn(channel.platform, channel.id) : null;
    if (!session) {
      throw invalidState(
        `No session is running${channel ? ` in #${channel.name}` : ''}. Name one with /session end S-3, or see them with /session list.`,
      );
    }
    if (session.endedAt) {
      throw invalidState(`${sessionLabel(session)} already ended at ${formatTime(session.endedAt)}.`);
    }
    const ended = await ctx.repos.liveSessions.end(session.id, ctx.actor.member.id, ctx.now);
    await ctx.audit({ action: 'session.end', subjectId: ended.id, detail: { session: sessionRef(ended) } });
    const data = await loadSessionReportData(ctx.repos, ended, ctx.now);
    const report = sessionReport(data);
    await ctx.notify({
      to: { kind: 'channel', channel: ctx.services.config.STEWARD_REPORTS_CHANNEL },
      message: report,
    });
    const count = data.tickets.length;
    return [
      reply(
        `Session ${sessionLabel(ended)} has ended after ${formatDuration(ctx.now.getTime() - ended.startedAt.getTime())}, with ${count} ticket${count === 1 ? '' : 's'}. Thank you, everyone.`,
        { visibility: 'channel' },
      ),
      reply(report.text, report),
    ];
  },
});

export const sessionReportCommand = defineCommand({
  group: 'session',
  name: 'report',
  description: "A session's tickets, response and resolution times, ratings and interruptions",
  args: {
    session: arg.string('Session (S-3 or its name; default this channel’s)', { optional: true, positional: true }),
  },
  permission: 'session.report',
  async handler(ctx, args) {
    const session = await sessionMeant(ctx, args.session);
    const report = await buildSessionReport(ctx.services, ctx.repos, session, ctx.now);
    return reply(report.text, report);
  },
});

export const sessionList = defineCommand({
  group: 'session',
  name: 'list',
  description: 'Recent live sessions',
  args: {},
  permission: 'session.report',
  async handler(ctx) {
    const sessions = await ctx.repos.liveSessions.recent(20);
    if (sessions.length === 0) return reply('No sessions yet. Start one with /session start <name> in its channel.');
    const names = await ctx.repos.members.displayNames(sessions.map((s) => s.facilitatorId));
    return reply(`The ${sessions.length} most recent sessions:`, {
      table: [
        ['Session', 'Name', 'Channel', 'Facilitator', 'Started', 'Length'],
        ...sessions.map((s) => [
          sessionRef(s),
          s.name,
          `#${s.channelName}`,
          names.get(s.facilitatorId) ?? 'unknown member',
          formatTime(s.startedAt),
          s.endedAt ? formatDuration(s.endedAt.getTime() - s.startedAt.getTime()) : 'running',
        ]),
      ],
    });
  },
});

export const SESSION_COMMANDS: CommandSpec[] = [sessionStart, sessionEnd, sessionReportCommand, sessionList];
