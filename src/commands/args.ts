// Argument declarations. Each argument carries its zod schema and enough description to
// render a Slack usage string, a Discord application-command option and console help.
// Text input: positional arguments in declared order (the last `text` argument takes
// the rest of the line), optional ones as `name:value` (quote values with spaces).
import { z } from 'zod';

export type ArgKind = 'string' | 'text' | 'member' | 'role' | 'org' | 'duration' | 'int' | 'choice';

export interface ArgSpec<S extends z.ZodType = z.ZodType> {
  kind: ArgKind;
  description: string;
  required: boolean;
  /** Positional in text input; optional arguments are always `name:value`. */
  positional: boolean;
  choices?: readonly string[];
  /** For int: bounds shown in usage and given to Discord. */
  min?: number;
  max?: number;
  schema: S;
}

type Opts = {
  optional?: boolean /** An optional argument given by position rather than name:value. */;
  positional?: boolean;
};

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** `30d`, `12h`, `90m`, `2w` → milliseconds. */
export const DURATION_PATTERN = /^(\d+)\s*(m|h|d|w)$/i;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export function parseDurationMs(text: string): number | null {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase() as keyof typeof UNIT_MS;
  return amount > 0 ? amount * UNIT_MS[unit] : null;
}

/** A duration or a calendar date, as given; callers turn it into an instant with their clock. */
export type DurationOrDate = { kind: 'duration'; ms: number } | { kind: 'date'; date: Date };

export function parseDurationOrDate(text: string): DurationOrDate | null {
  const ms = parseDurationMs(text);
  if (ms !== null) return { kind: 'duration', ms };
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) {
    const date = new Date(text.trim().length === 10 ? `${text.trim()}T23:59:59Z` : text.trim());
    // JavaScript rolls 2026-02-30 over to March 2: a calendar day that does not exist is an error.
    const [y, m, d] = text.trim().slice(0, 10).split('-').map(Number);
    const exists = new Date(Date.UTC(y!, m! - 1, d!)).toISOString().startsWith(text.trim().slice(0, 10));
    if (!Number.isNaN(date.getTime()) && exists) return { kind: 'date', date };
  }
  return null;
}

export function resolveUntil(value: DurationOrDate, now: Date): Date {
  return value.kind === 'duration' ? new Date(now.getTime() + value.ms) : value.date;
}

function spec<S extends z.ZodType>(kind: ArgKind, description: string, schema: S, opts: Opts & Partial<ArgSpec> = {}) {
  const required = !opts.optional;
  return {
    kind,
    description,
    required,
    positional: opts.positional ?? required,
    choices: opts.choices,
    min: opts.min,
    max: opts.max,
    schema: (required ? schema : schema.optional()) as S,
  } satisfies ArgSpec;
}

const durationSchema = nonEmpty.transform((v, ctx) => {
  const parsed = parseDurationOrDate(v);
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `"${v}" is not a duration (like 30d, 12h, 2w) or a date (like 2026-12-31)`,
    });
    return z.NEVER;
  }
  return parsed;
});

export const arg = {
  /** One word (quote it for several). */
  string: (description: string, opts: Opts = {}) => spec('string', description, nonEmpty, opts),
  /** Free text; positional text takes the rest of the line. */
  text: (description: string, opts: Opts = {}) =>
    spec('text', description, nonEmpty.max(4000, 'is too long (4000 characters at most)'), opts),
  member: (description: string, opts: Opts = {}) => spec('member', description, nonEmpty, opts),
  role: (description: string, opts: Opts = {}) =>
    spec('role', description, nonEmpty.regex(/^[a-z][a-z0-9_]*$/, 'must be a role name like org_admin'), opts),
  org: (description: string, opts: Opts = {}) =>
    spec('org', description, nonEmpty.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an organisation slug like acme'), opts),
  duration: (description: string, opts: Opts = {}) => spec('duration', description, durationSchema, opts),
  int: (description: string, min: number, max: number, opts: Opts = {}) =>
    spec('int', description, z.coerce.number().int('must be a whole number').min(min).max(max), { ...opts, min, max }),
  choice: <const C extends readonly [string, ...string[]]>(description: string, choices: C, opts: Opts = {}) =>
    spec('choice', description, z.enum(choices, { error: `must be one of: ${choices.join(', ')}` }), {
      ...opts,
      choices,
    }),
};

export type ArgSpecs = Record<string, ArgSpec>;
export type ParsedArgs<A extends ArgSpecs> = { [K in keyof A]: z.output<A[K]['schema']> };

const schemas = new WeakMap<ArgSpecs, z.ZodObject>();

/** The zod object for a command's arguments, built once per declaration (zod compiles it on first use). */
export function argsSchema(args: ArgSpecs): z.ZodObject {
  let schema = schemas.get(args);
  if (!schema) {
    schema = z.object(Object.fromEntries(Object.entries(args).map(([name, a]) => [name, a.schema])));
    schemas.set(args, schema);
  }
  return schema;
}

interface Token {
  /** The word with its quotes removed. */
  value: string;
  start: number;
  end: number;
}

/**
 * Words of a command line. A quote only groups when it opens a word (`"two words"`) or a
 * named value (`reason:"on call"`), so apostrophes inside words (isn't) are just letters.
 */
function tokens(text: string): Token[] {
  const result: Token[] = [];
  const re = /([A-Za-z_][\w-]*:)?(?:"([^"]*)"|'([^']*)')(?=\s|$)|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const value = m[4] !== undefined ? m[4] : (m[1] ?? '') + (m[2] ?? m[3] ?? '');
    result.push({ value, start: m.index, end: m.index + m[0].length });
  }
  return result;
}

/** Splits a command line into words, honouring "double" and 'single' quotes. */
export function tokenize(text: string): string[] {
  return tokens(text).map((t) => t.value);
}

export class ArgTextError extends Error {}

/**
 * Turns command text into raw argument values by name; validation is the schema's job.
 * Named options (`name:value`) may come before the arguments or after them; a trailing
 * free-text argument keeps exactly what was typed (quotes, apostrophes, spacing, line
 * breaks), and `word:word` inside it stays text.
 */
export function splitArgText(args: ArgSpecs, text: string): Record<string, string> {
  const names = Object.keys(args);
  const raw: Record<string, string> = {};
  const all = tokens(text);
  // Any argument may be named (`id:T-1`, as buttons print in the console); a positional
  // one only with a value, so "Summary: it broke" stays text.
  const asOption = (t: Token): string | null => {
    const colon = t.value.indexOf(':');
    if (colon <= 0) return null;
    const key = t.value.slice(0, colon).toLowerCase();
    if (!names.includes(key) || (args[key]!.positional && colon === t.value.length - 1)) return null;
    return key;
  };
  const take = (t: Token, key: string) => {
    if (key in raw) throw new ArgTextError(`\`${key}\` is given twice`);
    raw[key] = t.value.slice(t.value.indexOf(':') + 1);
  };
  // Options at the end of the line.
  let last = all.length;
  while (last > 0 && asOption(all[last - 1]!) !== null) last--;
  for (const t of all.slice(last)) take(t, asOption(t)!);

  const positional = names.filter((n) => args[n]!.positional && !(n in raw));
  let i = 0;
  for (const [p, name] of positional.entries()) {
    // Options before (or between) the arguments.
    for (let key = i < last ? asOption(all[i]!) : null; key !== null; key = i < last ? asOption(all[i]!) : null) {
      take(all[i]!, key);
      i++;
    }
    if (i >= last) break;
    const isTrailingText = p === positional.length - 1 && args[name]!.kind === 'text';
    if (name in raw) continue;
    if (isTrailingText) {
      raw[name] = text.slice(all[i]!.start, all[last - 1]!.end);
      i = last;
    } else {
      raw[name] = all[i]!.value;
      i++;
    }
  }
  for (let key = i < last ? asOption(all[i]!) : null; key !== null; key = i < last ? asOption(all[i]!) : null) {
    take(all[i]!, key);
    i++;
  }
  if (i < last) {
    throw new ArgTextError(`unexpected extra words: "${text.slice(all[i]!.start, all[last - 1]!.end)}"`);
  }
  return raw;
}

/** `<member> <role> [org:<org>] [expires:<duration|date>]` */
export function usageOf(args: ArgSpecs): string {
  return Object.entries(args)
    .map(([name, a]) => {
      const shape = a.choices ? a.choices.join('|') : a.kind === 'duration' ? 'duration|date' : name;
      if (a.positional) return a.required ? `<${shape === name ? name : `${name}: ${shape}`}>` : `[${name}]`;
      return `[${name}:<${shape}>]`;
    })
    .join(' ');
}
