// Who reacts to which domain event (see src/core/events.ts). Built with the services so
// handlers can reach them.
import type { DomainEventHandler } from './core/events.js';
import type { PrivacyContributor } from './core/privacy/contributor.js';
import type { Services } from './services.js';

export function domainEventHandlers(_services: Services): DomainEventHandler[] {
  return [];
}

/** Feature areas that hold personal data (see src/core/privacy/contributor.ts). */
export function privacyContributors(_services: Services): PrivacyContributor[] {
  return [];
}
