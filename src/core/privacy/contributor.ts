// Each feature area that stores personal data says how to export it and how to erase
// it; /privacy export and /privacy erase ask every contributor (registered in
// src/subscribers.ts), then crypto-shred the member's data key.

import type { Services } from '../../services.js';
import type { Repos } from '../ports.js';

export interface PrivacyContributor {
  /** Key in the export document, e.g. "tickets". */
  area: string;
  /** Everything this area holds about the member, decrypted, as plain JSON values. */
  export(services: Services, repos: Repos, memberId: string): Promise<unknown>;
  /** Deletes or anonymises what can be; runs before the member's data key is destroyed. */
  erase(services: Services, repos: Repos, memberId: string, now: Date): Promise<void>;
}
