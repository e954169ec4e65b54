// Tickets in a member's data export and erasure. Export: the tickets they reported,
// decrypted, with their history; comments they wrote on other tickets; sessions they
// ran. Erasure: drop every piece of ticket text sealed under their key (their tickets'
// summaries, resolutions and rating comments, and their comments anywhere); the facts
// (times, statuses, ratings) stay so reports remain correct, tied only to a member id.
import type { Services } from '../../services.js';
import type { Repos } from '../ports.js';
import type { PrivacyContributor } from '../privacy/contributor.js';
import { sessionRef, ticketRef } from './model.js';
import { openText } from './ticket-text.js';
import { describeEvent, loadHistories, viewTickets } from './views.js';
import type { TicketEnv } from './workflow.js';

async function exportTickets(services: Services, repos: Repos, memberId: string) {
  const env: TicketEnv = { services, repos, now: services.clock.now() };
  const reported = await repos.tickets.reportedBy(memberId);
  const views = await viewTickets(env, reported);
  const histories = await loadHistories(env, reported);
  const ownIds = new Set(reported.map((t) => t.id));
  const elsewhere = (await repos.tickets.eventsWithTextOf(memberId)).filter((e) => !ownIds.has(e.ticketId));
  const others = await repos.tickets.byIds([...new Set(elsewhere.map((e) => e.ticketId))]);
  const refs = new Map(others.map((t) => [t.id, ticketRef(t)]));
  return {
    reported: views.map((v) => ({
      ticket: v.ref,
      status: v.ticket.status,
      category: v.ticket.category,
      priority: v.ticket.priority,
      openedAt: v.ticket.createdAt.toISOString(),
      summary: v.summary,
      resolution: v.resolution,
      rating: v.ticket.rating,
      ratingComment: v.ratingComment,
      session: v.session ? sessionRef(v.session) : null,
      history: (histories.get(v.ticket.id) ?? []).map((h) => ({
        at: h.at.toISOString(),
        actor: h.actor,
        event: describeEvent(h),
      })),
    })),
    writtenOnOtherTickets: await Promise.all(
      elsewhere.map(async (e) => ({
        ticket: refs.get(e.ticketId) ?? null,
        at: e.at.toISOString(),
        event: e.kind,
        text: await openText(services, repos, e.body),
      })),
    ),
    sessions: (await repos.liveSessions.facilitatedBy(memberId)).map((s) => ({
      session: sessionRef(s),
      name: s.name,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt?.toISOString() ?? null,
    })),
  };
}

export const ticketPrivacy: PrivacyContributor = {
  area: 'tickets',
  export: exportTickets,
  async erase(_services, repos, memberId) {
    await repos.tickets.eraseTicketText(memberId);
    await repos.tickets.eraseEventBodies(memberId);
  },
};
