// The configuration file: custom roles, promotion rules and policy periods, in YAML or
// JSON. A bad file stops start-up with the file, the line and the reason.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadAccessSettings } from '../../src/config-file.js';
import { RoleCatalogue } from '../../src/core/access/catalogue.js';
import { customRoles } from '../../src/core/access/settings.js';
import { configFile } from '../support/access.js';

const startWith = (file: string) => () => loadConfig({ STEWARD_CONFIG_FILE: file });

describe('STEWARD_CONFIG_FILE', () => {
  it('uses the defaults without a file', () => {
    expect(loadConfig({}).access).toMatchObject({
      roles: [],
      promotions: [],
      expiryWarningDays: 3,
      requestLapseDays: 7,
      dormantDays: 90,
      reviewPeriodDays: 30,
    });
  });

  it('reads custom roles and promotion rules from YAML into the catalogue', () => {
    const file = configFile(
      'steward.yaml',
      `# Steward configuration
expiryWarningDays: 5
requestLapseDays: 14
roles:
  - name: event_host
    rank: 45
    description: Runs live sessions
    permissions: [session.run, session.report, ticket.work]
promotions:
  - role: support
    after: {ticketsResolved: 20, minAverageRating: 4}
`,
    );
    const config = loadConfig({ STEWARD_CONFIG_FILE: file });
    expect(config.access).toMatchObject({ expiryWarningDays: 5, requestLapseDays: 14, dormantDays: 90 });
    const catalogue = new RoleCatalogue(customRoles(config.access));
    expect(catalogue.get('event_host')).toMatchObject({ rank: 45, builtIn: false });
    expect(catalogue.get('event_host')!.permissions.has('session.run')).toBe(true);
    expect(catalogue.names().slice(3, 6)).toEqual(['support', 'event_host', 'marketing']); // by rank
    expect(config.access.promotions).toEqual([
      { role: 'support', after: { ticketsResolved: 20, minAverageRating: 4 } },
    ]);
  });

  it('reads JSON too', () => {
    const file = configFile(
      'steward.json',
      JSON.stringify({ promotions: [{ role: 'support', after: { ticketsResolved: 3 } }] }),
    );
    expect(loadAccessSettings(file).promotions).toHaveLength(1);
  });

  it('names the line and the reason of an unknown permission', () => {
    const file = configFile(
      'bad.yaml',
      `roles:
  - name: event_host
    rank: 45
    description: Runs live sessions
    permissions:
      - session.run
      - relay.sned
`,
    );
    expect(startWith(file)).toThrow(
      /STEWARD_CONFIG_FILE \S*bad\.yaml line 7: roles\[0\]\.permissions\[1\]: "relay\.sned" is not a known permission/,
    );
  });

  it.each([
    [
      'a built-in name',
      'roles:\n  - name: support\n    rank: 5\n    description: x\n    permissions: [ticket.work]\n',
      /line 2: roles\[0\]\.name: is a built-in role/,
    ],
    [
      'a rank at super_admin',
      'roles:\n  - name: boss\n    rank: 100\n    description: x\n    permissions: [ticket.work]\n',
      /line 3: roles\[0\]\.rank: must be below 100/,
    ],
    [
      'an unknown promotion role',
      'promotions:\n  - role: wizard\n    after: {ticketsResolved: 2}\n',
      /line 2: promotions\[0\]\.role: "wizard" is not a role/,
    ],
    [
      'an empty rule',
      'promotions:\n  - role: support\n    after: {}\n',
      /line 3: promotions\[0\]\.after: needs ticketsResolved/,
    ],
    ['a negative period', 'dormantDays: -4\n', /line 1: dormantDays: must be at least 0/],
    [
      'a misspelt key inside a role',
      'roles:\n  - name: host\n    rank: 5\n    description: x\n    permissions: [ticket.work]\n    permisions: [x]\n',
      /line 1: roles\[0\]: Unrecognized key: "permisions"|roles\[0\]: .*permisions/,
    ],
    ['broken YAML', 'roles:\n  - name: [unclosed\n', /line \d: .*\(not valid YAML or JSON\)/],
  ])('stops start-up on %s', (_what, content, message) => {
    expect(startWith(configFile('bad.yaml', content))).toThrow(message);
  });

  it('says so when the file cannot be read', () => {
    expect(startWith('/nonexistent/steward.yaml')).toThrow(/cannot read \/nonexistent\/steward\.yaml \(ENOENT\)/);
  });
});
