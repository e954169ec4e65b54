// Numbers both the session report and the ticket summary show. Pure.
import { formatDuration } from './format.js';
import { TICKET_CATEGORIES, TICKET_STATUSES, type TicketRecord } from './model.js';
import { mean, median, ratingDistribution } from './stats.js';

export interface TimeStats {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}

export function timeStats(durations: readonly number[]): TimeStats {
  return { count: durations.length, meanMs: mean(durations), medianMs: median(durations) };
}

/** Opened → first response by staff, for tickets that got one. */
export const firstResponseTimes = (tickets: readonly TicketRecord[]) =>
  timeStats(tickets.filter((t) => t.firstResponseAt).map((t) => t.firstResponseAt!.getTime() - t.createdAt.getTime()));

/** Opened → resolved, for tickets that are resolved. */
export const resolutionTimes = (tickets: readonly TicketRecord[]) =>
  timeStats(tickets.filter((t) => t.resolvedAt).map((t) => t.resolvedAt!.getTime() - t.createdAt.getTime()));

export interface RatingStats {
  count: number;
  average: number | null;
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
}

export function ratingStats(tickets: readonly TicketRecord[]): RatingStats {
  const ratings = tickets.map((t) => t.rating).filter((r): r is number => r !== null);
  return { count: ratings.length, average: mean(ratings), distribution: ratingDistribution(ratings) };
}

/** Category × status counts, only the categories and statuses that occur, with totals. */
export function categoryStatusTable(tickets: readonly TicketRecord[]): string[][] {
  const statuses = TICKET_STATUSES.filter((s) => tickets.some((t) => t.status === s));
  const categories = TICKET_CATEGORIES.filter((c) => tickets.some((t) => t.category === c));
  const count = (c: string, s?: string) =>
    tickets.filter((t) => t.category === c && (s === undefined || t.status === s)).length;
  const rows = categories.map((c) => [c, ...statuses.map((s) => String(count(c, s))), String(count(c))]);
  const totals = [
    'total',
    ...statuses.map((s) => String(tickets.filter((t) => t.status === s).length)),
    String(tickets.length),
  ];
  return [['Category', ...statuses.map((s) => s.replace('_', ' ')), 'Total'], ...rows, totals];
}

/** "4.3 from 6 ratings (5★ 3, 4★ 2, 3★ 0, 2★ 1, 1★ 0)" */
export function describeRatings(stats: RatingStats): string {
  if (stats.count === 0) return 'no ratings yet';
  const dist = ([5, 4, 3, 2, 1] as const).map((r) => `${r}★ ${stats.distribution[r]}`).join(', ');
  return `${stats.average!.toFixed(1)} from ${stats.count} rating${stats.count === 1 ? '' : 's'} (${dist})`;
}

/** "mean 12m, median 9m (5 tickets)" */
export const describeTimes = (stats: TimeStats) =>
  stats.count === 0
    ? '-'
    : `mean ${formatDuration(stats.meanMs!)}, median ${formatDuration(stats.medianMs!)} (${stats.count} ticket${stats.count === 1 ? '' : 's'})`;
