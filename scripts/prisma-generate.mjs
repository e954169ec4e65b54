// Generates the Prisma client for each supported provider, offline.
//
// One schema source (prisma/schema/*.prisma, written for SQLite) is rewritten per
// provider into prisma/.generated/<provider>/ and handed to `prisma generate`.
// `generate` insists that a schema-engine binary exists but never runs it, and the
// download of that binary is impossible offline, so we point it at any file.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProviderSchemas } from './provider-schemas.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js', { paths: [root] });

for (const { provider, dir } of writeProviderSchemas(root)) {
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    PRISMA_SCHEMA_ENGINE_BINARY:
      process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY)
        ? process.env.PRISMA_SCHEMA_ENGINE_BINARY
        : process.execPath,
  };
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', dir], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`prisma: generated the ${provider} client`);
}
