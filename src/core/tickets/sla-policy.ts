// Service-level targets per priority: how soon someone must first respond to a ticket,
// and how soon it must be resolved. Configured with STEWARD_SLA, a compact string such
// as `urgent=15m/4h,high=1h/8h,normal=4h/3d,low=1d/7d`; priorities left out keep the defaults.
import { TICKET_PRIORITIES, type TicketPriority } from './model.js';

export interface SlaTargets {
  firstResponseMs: number;
  resolutionMs: number;
}

export type SlaPolicy = Record<TicketPriority, SlaTargets>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_SLA: SlaPolicy = {
  urgent: { firstResponseMs: 15 * MINUTE, resolutionMs: 4 * HOUR },
  high: { firstResponseMs: HOUR, resolutionMs: 8 * HOUR },
  normal: { firstResponseMs: 4 * HOUR, resolutionMs: 3 * DAY },
  low: { firstResponseMs: DAY, resolutionMs: 7 * DAY },
};

/** Warn the assignee at this fraction of a target, unless configured otherwise. */
export const DEFAULT_SLA_WARN_PERCENT = 80;

const UNIT_MS = { m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY } as const;

function durationMs(text: string): number | null {
  const match = /^(\d+)(m|h|d|w)$/i.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2]!.toLowerCase() as keyof typeof UNIT_MS];
  return ms > 0 ? ms : null;
}

/** Parses STEWARD_SLA; throws an Error whose message says what is wrong and what is expected. */
export function parseSlaPolicy(text: string | undefined): SlaPolicy {
  const policy: SlaPolicy = { ...DEFAULT_SLA };
  if (!text?.trim()) return policy;
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)\s*=\s*([^/\s]+)\s*\/\s*(\S+)$/i.exec(part);
    const priority = match?.[1]?.toLowerCase() as TicketPriority | undefined;
    if (!match || !priority) {
      throw new Error(`"${part}" should look like urgent=15m/4h (priority=first-response/resolution)`);
    }
    if (!TICKET_PRIORITIES.includes(priority)) {
      throw new Error(`"${match[1]}" is not a priority; use ${TICKET_PRIORITIES.join(', ')}`);
    }
    const firstResponseMs = durationMs(match[2]!);
    const resolutionMs = durationMs(match[3]!);
    if (firstResponseMs === null || resolutionMs === null) {
      throw new Error(`"${part}": durations are a number and a unit m, h, d or w (like 15m, 4h, 3d)`);
    }
    if (firstResponseMs > resolutionMs) {
      throw new Error(`"${part}": the first-response target cannot be longer than the resolution target`);
    }
    policy[priority] = { firstResponseMs, resolutionMs };
  }
  return policy;
}

/** The policy as the compact string it was (or could have been) configured with. */
export function formatSlaPolicy(policy: SlaPolicy): string {
  return TICKET_PRIORITIES.map(
    (p) => `${p}=${shortDuration(policy[p].firstResponseMs)}/${shortDuration(policy[p].resolutionMs)}`,
  ).join(',');
}

function shortDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / MINUTE)}m`;
}

export function slaDue(createdAt: Date, targetMs: number): Date {
  return new Date(createdAt.getTime() + targetMs);
}
