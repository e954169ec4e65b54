// Who reacts to which domain event (see src/core/events.ts). Built with the services so
// handlers can reach them.
import { accessPrivacy } from './core/access/privacy.js';
import { promotionHandlers } from './core/access/promotions.js';
import type { DomainEventHandler } from './core/events.js';
import { incidentPrivacy } from './core/incidents/privacy.js';
import { auditTamperingHandler } from './core/incidents/subscribers.js';
import type { PrivacyContributor } from './core/privacy/contributor.js';
import { relayPrivacy } from './core/relay/privacy.js';
import { ticketPrivacy } from './core/tickets/privacy.js';
import { roleRequestTicketHandler } from './core/tickets/role-requests.js';
import type { Services } from './services.js';

export function domainEventHandlers(services: Services): DomainEventHandler[] {
  return [roleRequestTicketHandler(services), ...promotionHandlers(services), auditTamperingHandler(services)];
}

/** Feature areas that hold personal data (see src/core/privacy/contributor.ts). */
export function privacyContributors(_services: Services): PrivacyContributor[] {
  return [ticketPrivacy, accessPrivacy, relayPrivacy, incidentPrivacy];
}
