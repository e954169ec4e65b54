import { settingsOf } from '../../core/access/env.js';
import { effectivePermissions, isActiveGrant } from '../../core/access/evaluator.js';
import { ALL_PERMISSIONS, PERMISSIONS } from '../../core/access/permissions.js';
import { reply } from '../../core/message.js';
import { defineCommand } from '../registry.js';

export const roleCatalog = defineCommand({
  group: 'role',
  name: 'catalog',
  description:
    'Super admins: the full role/permission matrix and settings. Everyone else: your own roles and permissions',
  args: {},
  permission: 'role.view_own',
  async handler(ctx) {
    const { catalogue } = ctx.services;
    if (ctx.can('role.view_catalog', 'global')) {
      const roles = catalogue.all();
      const matrix = [
        ['Permission', ...roles.map((r) => r.name)],
        ...ALL_PERMISSIONS.map((p) => [p, ...roles.map((r) => (r.permissions.has(p) ? 'x' : '.'))]),
      ];
      const s = settingsOf(ctx.services);
      return [
        reply('Roles, highest rank first:', {
          table: [
            ['Role', 'Rank', 'Kind', 'Description'],
            ...roles.map((r) => [r.name, String(r.rank), r.builtIn ? 'built-in' : 'configured', r.description]),
          ],
        }),
        reply('Role/permission matrix (x = granted):', { table: matrix }),
        reply('Settings:', {
          fields: [
            { label: 'Expiry warning', value: `${s.expiryWarningDays} days before` },
            { label: 'Requests lapse after', value: `${s.requestLapseDays} days` },
            { label: 'Dormant after', value: `${s.dormantDays} days inactive` },
            { label: 'Review period', value: `${s.reviewPeriodDays} days` },
            {
              label: 'Promotion rules',
              value:
                s.promotions
                  .map(
                    (r) =>
                      `${r.role}${r.org ? ` in ${r.org}` : ''} after ${[
                        r.after.ticketsResolved !== undefined ? `${r.after.ticketsResolved} resolved tickets` : null,
                        r.after.minAverageRating !== undefined ? `average rating >= ${r.after.minAverageRating}` : null,
                      ]
                        .filter(Boolean)
                        .join(' and ')}`,
                  )
                  .join('; ') || 'none',
            },
          ],
        }),
      ];
    }
    const active = ctx.actor.grants.filter((g) => isActiveGrant(g, ctx.now));
    const perms = [...effectivePermissions(catalogue, active, 'any', ctx.now)].sort();
    return reply(
      `Your roles: ${active.map((g) => `${g.role} (${g.orgId ?? 'global'})`).join(', ') || 'none'}.\nOnly super admins see the full role/permission matrix.`,
      { table: [['Your permission', 'What it allows'], ...perms.map((p) => [p, PERMISSIONS[p]])] },
    );
  },
});
