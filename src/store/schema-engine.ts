// Prisma's own schema engine, compiled to WebAssembly, driven through a driver adapter.
//
// The Prisma CLI's migrate commands need a native engine binary that cannot be
// downloaded offline; the wasm build of the same engine needs nothing but the npm
// package. Its API is internal to Prisma and not semver-stable, so the package version
// is pinned exactly in package.json and everything that touches it lives in this file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

export interface SchemaFile {
  path: string;
  content: string;
}

export interface MigrationDirectory {
  path: string;
  migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
}

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: MigrationDirectory[];
}

type DiffTarget =
  | { tag: 'empty' }
  | ({ tag: 'schemaDatamodel' } & { files: SchemaFile[] })
  | ({ tag: 'migrations' } & MigrationList);

const noFilters = { externalTables: [] as string[], externalEnums: [] as string[] };

interface WasmSchemaEngine {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: typeof noFilters;
  }): Promise<{ exitCode: number; stdout: string | null }>;
  applyMigrations(input: {
    migrationsList: MigrationList;
    filters: typeof noFilters;
  }): Promise<{ appliedMigrationNames: string[] }>;
  free?(): void;
}

interface WasmModule {
  SchemaEngine: {
    new: (
      options: { datamodels: [string, string][] },
      log: (msg: string) => void,
      adapter: object,
    ) => Promise<WasmSchemaEngine>;
  };
}

// Node has WebAssembly; this project's TypeScript lib settings do not describe it.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let wasmModule: Promise<WasmModule> | undefined;

/** Node 20's ESM loader refuses the package's `.wasm` import, so we instantiate it by hand. */
function loadWasm(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as WasmModule & {
      __wbg_set_wasm(exports: Record<string, unknown>): void;
    };
    const bytes = readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bg,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return wasmModule;
}

export class SchemaEngine {
  private constructor(private readonly engine: WasmSchemaEngine) {}

  static async open(schema: SchemaFile[], adapter: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
    const wasm = await loadWasm();
    const engine = await wasm.SchemaEngine.new(
      { datamodels: schema.map((f) => [f.path, f.content]) },
      () => {},
      bindMigrationAwareSqlAdapterFactory(adapter),
    );
    return new SchemaEngine(engine);
  }

  /** SQL that takes a database from `from` (committed migrations, or nothing) to the schema. */
  async diffToSchema(from: MigrationList | 'empty', schema: SchemaFile[]): Promise<string> {
    const result = await this.engine.diff({
      from: from === 'empty' ? { tag: 'empty' } : { tag: 'migrations', ...from },
      to: { tag: 'schemaDatamodel', files: schema },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  }

  async applyMigrations(list: MigrationList): Promise<string[]> {
    const result = await this.engine.applyMigrations({ migrationsList: list, filters: noFilters });
    return result.appliedMigrationNames;
  }

  close(): void {
    this.engine.free?.();
  }
}
