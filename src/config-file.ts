// The optional configuration file (STEWARD_CONFIG_FILE): JSON or YAML, validated with
// zod at start-up. A problem stops start-up with the file, the line and the reason,
// e.g. `steward.yaml line 7: roles[1].permissions[2]: "relay.sned" is not a known permission`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ACCESS_SETTINGS_SCHEMA, type AccessSettings, DEFAULT_ACCESS_SETTINGS } from './core/access/settings.js';
import type { JobOverrides } from './scheduler/settings.js';

export class ConfigFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigFileError';
  }
}

type PathKey = PropertyKey;

function pathText(keys: readonly PathKey[]): string {
  let text = '';
  for (const key of keys) text += typeof key === 'number' ? `[${key}]` : text ? `.${String(key)}` : String(key);
  return text || '(top level)';
}

/** Parses the file and validates it against `schema`; throws ConfigFileError naming line and reason. */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const name = `STEWARD_CONFIG_FILE ${path.basename(file)}`;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigFileError([`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigFileError(
      doc.errors.map(
        (e) => `${name} line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]} (not valid YAML or JSON)`,
      ),
    );
  }
  const data = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return result.data;

  /** The line of the deepest node that exists on the issue's path. */
  const lineOf = (keys: readonly PathKey[]): number => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const key of keys) {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      if (range) line = lines.linePos(range[0]).line;
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
        if (!pair) return line;
        const keyRange = (pair.key as { range?: [number, number, number] }).range;
        if (keyRange) line = lines.linePos(keyRange[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else {
        return line;
      }
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : line;
  };
  throw new ConfigFileError(
    result.error.issues.map((issue) => `${name} line ${lineOf(issue.path)}: ${pathText(issue.path)}: ${issue.message}`),
  );
}

/** Access-governance settings: defaults when no file is configured. */
export function loadAccessSettings(file: string | undefined): AccessSettings {
  return file ? loadConfigFile(file, ACCESS_SETTINGS_SCHEMA) : DEFAULT_ACCESS_SETTINGS;
}

const JOB_OVERRIDE = z.strictObject({
  cron: z.string().optional(),
  timezone: z.string().optional(),
  enabled: z.boolean().optional(),
  channel: z
    .string()
    .regex(/^[A-Za-z0-9_#-][A-Za-z0-9_.-]*$/, 'a channel name like reports')
    .transform((c) => c.replace(/^#/, ''))
    .optional(),
});
const JOBS_SECTION = z.looseObject({ jobs: z.record(z.string(), JOB_OVERRIDE).default({}) });

/** The `jobs:` section (schedule overrides); cron and time zones are checked by the scheduler. */
export function loadJobOverrides(file: string | undefined): JobOverrides {
  return file ? loadConfigFile(file, JOBS_SECTION).jobs : {};
}
