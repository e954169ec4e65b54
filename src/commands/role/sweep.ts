import { sweepAccessIn } from '../../core/access/sweeps.js';
import { reply } from '../../core/message.js';
import { defineCommand } from '../registry.js';
import { envOf } from './env.js';

export const roleSweep = defineCommand({
  group: 'role',
  name: 'sweep',
  description: 'Run the access housekeeping now: record expired grants, warn about expiring ones, lapse old requests',
  args: {},
  permission: 'steward.jobs',
  scope: () => 'global',
  async handler(ctx) {
    const s = await sweepAccessIn(envOf(ctx));
    return reply(
      `Access sweep done: ${s.expired} expired grant(s) recorded, ${s.warned} expiry warning(s) sent, ${s.lapsed} request(s) lapsed.`,
    );
  },
});
