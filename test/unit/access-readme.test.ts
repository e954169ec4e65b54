// The README's access section documents every access command's syntax and the
// built-in role/permission table exactly as the code has them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_COMMANDS } from '../../src/commands/audit/index.js';
import { ORG_COMMANDS } from '../../src/commands/org/index.js';
import { usage } from '../../src/commands/registry.js';
import { ROLE_COMMANDS } from '../../src/commands/role/index.js';
import { TAG_COMMANDS } from '../../src/commands/tag/index.js';
import { BUILT_IN_ROLES } from '../../src/core/access/catalogue.js';
import { ALL_PERMISSIONS } from '../../src/core/access/permissions.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** Table cells compared without their alignment padding (formatters pad columns). */
const cells = (text: string) => text.replace(/ +(?=\|)|(?<=\|) +/g, ' ').replace(/\| +\|/g, '| |');
const section = cells(
  readme.slice(readme.indexOf('<!-- SECTION:access -->'), readme.indexOf('<!-- SECTION:relay -->')),
);

describe('README access section', () => {
  it('documents every access command with its usage and permission', () => {
    for (const c of [...ROLE_COMMANDS, ...ORG_COMMANDS, ...TAG_COMMANDS, ...AUDIT_COMMANDS]) {
      expect(section).toContain(cells(`| \`${usage(c).replace(/\|/g, '\\|')}\` | \`${c.permission}\` |`));
    }
  });

  it('has the built-in role/permission table as the catalogue defines it', () => {
    const header = `| permission | ${BUILT_IN_ROLES.map((r) => r.name).join(' | ')} |`;
    expect(section).toContain(cells(header));
    for (const p of ALL_PERMISSIONS) {
      const row = `| \`${p}\` | ${BUILT_IN_ROLES.map((r) => (r.permissions.has(p) ? '✓' : '')).join(' | ')} |`;
      expect(section, p).toContain(cells(row));
    }
  });
});
