// Access-governance settings from the configuration file (STEWARD_CONFIG_FILE): custom
// roles, promotion rules and the policy periods. Validated with zod at start-up; the
// file loader (src/config-file.ts) turns an issue's path into a line number.
import { z } from 'zod';
import { BUILT_IN_ROLES, type RoleDefinition } from './catalogue.js';
import { isPermission, type Permission } from './permissions.js';

const BUILT_IN_NAMES = new Set(BUILT_IN_ROLES.map((r) => r.name));
const SUPER_ADMIN_RANK = BUILT_IN_ROLES.find((r) => r.name === 'super_admin')!.rank;

const days = (what: string, fallback: number, max: number, min = 0) =>
  z
    .number({ error: `must be a number of days (${what})` })
    .int('must be a whole number of days')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max} days`)
    .default(fallback);

const customRole = z.strictObject({
  name: z
    .string({ error: 'must be a role name' })
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be lower case letters, digits and _ (like event_host), 2 to 40 characters')
    .refine((n) => !BUILT_IN_NAMES.has(n), { message: 'is a built-in role; pick another name' }),
  rank: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1 (0 is the visitor)')
    .max(SUPER_ADMIN_RANK - 1, `must be below ${SUPER_ADMIN_RANK} (super_admin)`),
  description: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200),
  permissions: z
    .array(
      z.string().refine(isPermission, {
        error: (issue) => `"${String(issue.input)}" is not a known permission (see /role catalog)`,
      }),
      { error: 'must be a list of permission names' },
    )
    .min(1, 'must list at least one permission'),
});

const promotionRule = z.strictObject({
  role: z.string({ error: 'must be a role name' }),
  org: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an organisation slug like acme')
    .optional(),
  after: z
    .strictObject({
      ticketsResolved: z.number().int().min(1, 'must be at least 1').optional(),
      minAverageRating: z.number().min(1).max(5, 'ratings go from 1 to 5').optional(),
    })
    .refine((a) => a.ticketsResolved !== undefined || a.minAverageRating !== undefined, {
      message: 'needs ticketsResolved and/or minAverageRating',
    }),
});

/** Top level is loose: other feature areas may keep their own keys in the same file. */
export const ACCESS_SETTINGS_SCHEMA = z
  .looseObject({
    roles: z.array(customRole, { error: 'must be a list of roles' }).default([]),
    promotions: z.array(promotionRule, { error: 'must be a list of promotion rules' }).default([]),
    /** Holders and granters are warned this many days before a grant expires. */
    expiryWarningDays: days('before expiry', 3, 60),
    /** Pending role requests lapse after this many days. */
    requestLapseDays: days('until a request lapses', 7, 365, 1),
    /** A holder inactive this long is flagged as dormant in the access review. */
    dormantDays: days('of inactivity', 90, 3650),
    /** A grant not reviewed within this many days is flagged in the access review. */
    reviewPeriodDays: days('between reviews', 30, 3650),
  })
  .superRefine((settings, ctx) => {
    const names = new Set<string>(BUILT_IN_NAMES);
    for (const [i, role] of settings.roles.entries()) {
      if (names.has(role.name) && !BUILT_IN_NAMES.has(role.name)) {
        ctx.addIssue({ code: 'custom', path: ['roles', i, 'name'], message: `"${role.name}" is declared twice` });
      }
      names.add(role.name);
    }
    for (const [i, rule] of settings.promotions.entries()) {
      if (!names.has(rule.role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['promotions', i, 'role'],
          message: `"${rule.role}" is not a role (built-in or in roles:)`,
        });
      } else if (['super_admin', 'member', 'visitor'].includes(rule.role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['promotions', i, 'role'],
          message: `promotion rules cannot suggest ${rule.role}`,
        });
      }
    }
  });

export type AccessSettings = z.output<typeof ACCESS_SETTINGS_SCHEMA>;

export const DEFAULT_ACCESS_SETTINGS: AccessSettings = ACCESS_SETTINGS_SCHEMA.parse({});

/** The configured roles as catalogue entries. */
export function customRoles(settings: AccessSettings): RoleDefinition[] {
  return settings.roles.map((r) => ({
    name: r.name,
    rank: r.rank,
    description: r.description,
    permissions: new Set(r.permissions as Permission[]),
    builtIn: false,
  }));
}
