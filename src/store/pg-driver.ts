// pg and Prisma's pg adapter, loaded on first use. On the embedded default (SQLite)
// nothing calls them, and loading them at start-up would cost about 150 ms and memory.
// Modules that need them import only their types and call these.
import { createRequire } from 'node:module';
import type { PrismaPg } from '@prisma/adapter-pg';
import type Pg from 'pg';

const require = createRequire(import.meta.url);

let pgModule: typeof Pg | undefined;
let prismaPg: typeof PrismaPg | undefined;

/** The `pg` module (the same instance its ESM entry re-exports). */
export function pgDriver(): typeof Pg {
  pgModule ??= require('pg') as typeof Pg;
  return pgModule;
}

/** Prisma's driver adapter for pg. */
export function prismaPgAdapter(): typeof PrismaPg {
  prismaPg ??= (require('@prisma/adapter-pg') as { PrismaPg: typeof PrismaPg }).PrismaPg;
  return prismaPg;
}
