// .env.example is the documentation of every variable: it must list exactly what the
// configuration schema reads, and its values must themselves be a valid configuration.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_SCHEMA, loadConfig } from '../../src/config.js';
import { pgPoolSize } from '../../src/store/database-url.js';
import { projectRoot } from '../../src/store/migrations.js';

const example = parse(readFileSync(path.join(projectRoot, '.env.example'), 'utf8'));

describe('.env.example', () => {
  it('lists every variable the configuration reads, and nothing else', () => {
    expect(Object.keys(example).sort()).toEqual(Object.keys(ENV_SCHEMA.shape).sort());
  });

  it('is itself a valid configuration', () => {
    expect(() => loadConfig(example)).not.toThrow();
  });
});

describe('schedule configuration at start-up', () => {
  it('stops with a clear message for a bad cron expression or time zone in the configuration file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-jobs-'));
    const file = path.join(dir, 'steward.yaml');
    writeFileSync(
      file,
      'jobs:\n  access-review:\n    cron: "0 25 * * *"\n  sla-check:\n    timezone: Europe/Atlantis\n',
    );
    try {
      expect(() => loadConfig({ STEWARD_CONFIG_FILE: file })).toThrow(ConfigError);
      let message = '';
      try {
        loadConfig({ STEWARD_CONFIG_FILE: file, STEWARD_TIMEZONE: 'Mars/Base' });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('jobs.access-review.cron: "0 25 * * *" is not a valid cron expression');
      expect(message).toContain('jobs.sla-check.timezone: "Europe/Atlantis" is not a time zone');
      expect(message).toContain('STEWARD_TIMEZONE: "Mars/Base" is not a time zone');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the PostgreSQL connection pool', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const pg = (query: string) => ({
    DATABASE_URL: `postgresql://steward@db.internal:5432/steward${query}`,
    STEWARD_MASTER_KEY: key,
  });

  it('takes connection_limit from DATABASE_URL, as Prisma documents it, else 2 × CPUs + 1', () => {
    expect(pgPoolSize(loadConfig(pg('?connection_limit=3')).database.url)).toBe(3);
    expect(pgPoolSize(loadConfig(pg('?sslmode=require&connection_limit=12')).database.url)).toBe(12);
    expect(pgPoolSize(loadConfig(pg('')).database.url)).toBe(availableParallelism() * 2 + 1);
  });

  it('refuses a connection_limit that is not a whole number from 1 to 1000, saying what it expects', () => {
    for (const bad of ['0', 'ten', '2.5', '']) {
      expect(() => loadConfig(pg(`?connection_limit=${bad}`))).toThrow(
        new RegExp(`connection_limit=${bad} in DATABASE_URL: expected a whole number of connections from 1 to 1000`),
      );
    }
  });
});
