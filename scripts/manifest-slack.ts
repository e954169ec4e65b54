// Writes the Slack app manifest generated from the command registry.
//   npm run manifest:slack                         → manifest/slack-app.yaml (placeholder URL)
//   npm run manifest:slack -- --url https://x.org  → with your public URL (to stdout unless --out)
//   npm run manifest:slack -- --socket-mode        → Socket Mode manifest (to stdout unless --out)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_PATH, slackManifestYaml } from '../adapters/slack/manifest.js';
import { ALL_COMMANDS } from '../src/commands/index.js';
import { Registry } from '../src/commands/registry.js';
import { projectRoot } from '../src/store/migrations.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'socket-mode': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const custom = Boolean(values.url || values['socket-mode']);
const yaml = slackManifestYaml(new Registry(ALL_COMMANDS), { baseUrl: values.url, socketMode: values['socket-mode'] });
const out = values.out ?? (custom ? undefined : path.join(projectRoot, MANIFEST_PATH));
if (out) {
  writeFileSync(out, yaml);
  process.stderr.write(`Wrote ${path.relative(process.cwd(), out) || out}\n`);
} else {
  process.stdout.write(yaml);
}
