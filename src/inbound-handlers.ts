// Which feature area handles direct messages and departures. Relay messaging owns
// direct messages; access governance owns departures.
import { defaultInboundHandlers, type InboundHandlers } from './inbound.js';
import type { Services } from './services.js';

export function inboundHandlers(_services: Services): InboundHandlers {
  return {
    directMessage: defaultInboundHandlers.directMessage,
    memberLeft: defaultInboundHandlers.memberLeft,
  };
}
