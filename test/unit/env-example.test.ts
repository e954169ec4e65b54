// .env.example is the documentation of every variable: it must list exactly what the
// configuration schema reads, and its values must themselves be a valid configuration.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ENV_SCHEMA, loadConfig } from '../../src/config.js';
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
