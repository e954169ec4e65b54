// Who reacts to which domain event (see src/core/events.ts). Built with the services so
// handlers can reach them.
import type { DomainEventHandler } from './core/events.js';
import type { Services } from './services.js';

export function domainEventHandlers(_services: Services): DomainEventHandler[] {
  return [];
}
