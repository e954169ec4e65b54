// The schema is written once (prisma/schema/*.prisma, SQLite flavour). Each provider's
// copy differs only in the datasource provider and the client's output folder, so the
// two can never drift apart. Shared by the generate script and the migration engine.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PROVIDERS = ['sqlite', 'postgresql'];

/** @returns {{path: string, content: string}[]} the schema files for one provider */
export function providerSchemaFiles(root, provider) {
  const dir = path.join(root, 'prisma', 'schema');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.prisma'))
    .sort()
    .map((f) => {
      let content = readFileSync(path.join(dir, f), 'utf8');
      content = content
        .replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`)
        .replace(/output\s*=\s*"[^"]*"/, `output = "../../../../src/store/generated/${provider}"`);
      return { path: path.join('prisma', '.generated', provider, 'schema', f), content };
    });
}

export function writeProviderSchemas(root) {
  return PROVIDERS.map((provider) => {
    const dir = path.join(root, 'prisma', '.generated', provider, 'schema');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of providerSchemaFiles(root, provider)) {
      writeFileSync(path.join(root, file.path), file.content);
    }
    return { provider, dir };
  });
}
