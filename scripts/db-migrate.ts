// npm run db:migrate — applies pending migrations to DATABASE_URL (default ./data/steward.db).
// Steward also does this at start-up; this is for deploy pipelines.
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from '../src/config.js';
import { redactUrl } from '../src/store/database-url.js';
import { applyMigrations } from '../src/store/migrations.js';

if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });
try {
  const config = loadConfig(process.env);
  const applied = await applyMigrations(config.database);
  const where = config.database.provider === 'sqlite' ? config.database.url : redactUrl(config.database.url);
  console.log(applied.length ? `Applied ${applied.join(', ')} to ${where}` : `${where} is up to date.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
