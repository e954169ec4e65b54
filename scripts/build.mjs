// `npm run build`: bundles src/main.ts into dist/ for `npm start`. Split into chunks so
// that what main.ts imports only when configured (the Slack and Discord adapters, the
// PostgreSQL client, report charts) stays out of start-up on the embedded default; one
// file would hoist every import to the top and load it all.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist');
rmSync(outdir, { recursive: true, force: true }); // chunk names are content hashes: old ones would pile up

await build({
  entryPoints: [path.join(root, 'src', 'main.ts')],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  logLevel: 'warning',
});
