// What every benchmark receives from the runner.
import type { Provider } from '../../src/store/database-url.js';
import type { Databases } from './database.js';
import type { Figure } from './results.js';

export interface BenchContext {
  /** Smaller sizes, for a smoke test. */
  quick: boolean;
  databases: Databases;
  /** Providers to run database benchmarks on (SQLite always; PostgreSQL with BENCH_PG_URL). */
  providers: Provider[];
  /** Progress, on stderr (the table goes to stdout). */
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}
