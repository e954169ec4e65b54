// A verification worker thread (see audit-range-checker.ts): checks ranges of the audit
// chain on its own read-only connection, recomputing every entry's hash and checking each
// entry against the one before it. It reports what it found (ChainRangeReport in
// core/audit/range-check.ts); verify.ts joins the ranges and words the problems. Plain
// JavaScript, so it loads the same under tsx, vitest and the dist/ bundle.
import { StringDecoder } from 'node:string_decoder';
import { parentPort, workerData } from 'node:worker_threads';
import { entryHashOf } from '../core/audit/entry-hash.mjs';
import { AUDIT_COLUMNS } from './audit-rows.mjs';
import { pgTimestampMs, sqliteInstantMs } from './db-instants.mjs';

// A range's rows from its first seq on, at most as many as the range can hold. No upper
// bound in SQL: with one, PostgreSQL (without statistics yet) sorts the rest of the range
// instead of walking the primary key. Rows past the range are left to the next one.
const rangeSql = (after, limit) =>
  `SELECT ${AUDIT_COLUMNS} FROM "AuditEntry" WHERE "seq" > ${after} ORDER BY "seq" LIMIT ${limit}`;

/** A range's rows (arrays in AUDIT_COLUMNS order), in batches, and how to read their instants. */
async function openSource(source) {
  // Only the driver in use is loaded: each worker is a whole JavaScript heap of its own.
  if (source.provider === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(source.file, { readonly: true, fileMustExist: true });
    // One pass in seq order reuses no page: a small cache keeps the worker small.
    db.pragma('cache_size = -2000');
    const statement = db.prepare(rangeSql('?', '?')).raw(true);
    return {
      async *rows(afterSeq, upToSeq, pageSize) {
        for (let after = afterSeq; after < upToSeq; ) {
          const limit = Math.min(pageSize, upToSeq - after);
          const page = statement.all(after, limit);
          if (page.length > 0) yield page;
          if (page.length < limit) return;
          after = Number(page[page.length - 1][0]);
        }
      },
      instantMs: sqliteInstantMs,
      close: async () => db.close(),
    };
  }
  return openPgSource(source.config);
}

/**
 * PostgreSQL: each range is one COPY ... TO STDOUT streamed as it is produced, read as
 * text lines. Paging with queries cost a round trip and a result set per page, and
 * node-postgres's row parsing: about 40% more CPU per entry.
 */
async function openPgSource(config) {
  const { default: pg } = await import('pg');
  const { to: copyTo } = (await import('pg-copy-streams')).default;
  let client = null;
  const connected = async () => {
    if (!client) {
      const opened = new pg.Client(config);
      // A connection lost between ranges: the next range opens another.
      opened.on('error', () => {
        if (client === opened) client = null;
      });
      await opened.connect();
      client = opened;
    }
    return client;
  };
  return {
    async *rows(afterSeq, upToSeq) {
      const copy = (await connected()).query(copyTo(`COPY (${rangeSql(afterSeq, upToSeq - afterSeq)}) TO STDOUT`));
      // A UTF-8 character may be split between chunks; a raw newline only ends a row.
      const decoder = new StringDecoder('utf8');
      let rest = '';
      let finished = false;
      try {
        for await (const chunk of copy) {
          const text = rest + decoder.write(chunk);
          const batch = [];
          let start = 0;
          for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
            batch.push(copyRow(text, start, end));
            start = end + 1;
          }
          rest = text.slice(start);
          if (batch.length > 0) yield batch;
        }
        finished = true;
      } finally {
        // Stopped early (a broken entry, or closing): the connection is mid-COPY and
        // cannot be used again. Drop it; the next range opens another.
        if (!finished) {
          client?.connection.stream.destroy();
          client = null;
        }
      }
    },
    instantMs: pgTimestampMs,
    close: async () => {
      await client?.end();
    },
  };
}

/** COPY's text format escapes (https://www.postgresql.org/docs/current/sql-copy.html). */
const ESCAPED = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One field of a COPY text row: \N is NULL, and a backslash starts an escape. */
function copyField(text) {
  if (text === '\\N') return null;
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/gs, (_, c) => ESCAPED[c] ?? c);
}

/** A COPY text row (tab-separated fields) as an array in AUDIT_COLUMNS order. */
function copyRow(text, start, end) {
  const row = [];
  for (let at = start; ; ) {
    const tab = text.indexOf('\t', at);
    if (tab === -1 || tab > end) {
      row.push(copyField(text.slice(at, end)));
      return row;
    }
    row.push(copyField(text.slice(at, tab)));
    at = tab + 1;
  }
}

/** Set by a "close" message: the range under way stops at its next batch. */
let closing = false;

/** Checks entries with afterSeq < seq <= upToSeq; stops at the first that fails. */
async function checkRange(source, { afterSeq, upToSeq, pageSize }) {
  const report = { afterSeq, upToSeq, count: 0, first: null, last: null, bad: null };
  let prevSeq = 0;
  let prevHash = '';
  batches: for await (const rows of source.rows(afterSeq, upToSeq, pageSize)) {
    for (const row of rows) {
      const seq = Number(row[0]);
      if (seq > upToSeq) break batches;
      const hashOk =
        entryHashOf(seq, source.instantMs(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], row[8]) === row[9];
      if (report.count === 0) {
        report.first = { seq, prevHash: row[8], hashOk };
      } else if (seq !== prevSeq + 1 || !hashOk || row[8] !== prevHash) {
        report.bad = { index: report.count, seq, expectedSeq: prevSeq + 1, hashOk, linkOk: row[8] === prevHash };
        break batches;
      }
      prevSeq = seq;
      prevHash = row[9];
      report.count++;
    }
    if (closing) break;
  }
  if (report.count > 0) report.last = { seq: prevSeq, hash: prevHash };
  return report;
}
const source = await openSource(workerData);
let busy = false;

async function finish() {
  await source.close();
  parentPort.close();
}

parentPort.on('message', async (task) => {
  if (task === 'close') {
    closing = true;
    if (!busy) await finish();
    return;
  }
  busy = true;
  try {
    parentPort.postMessage({ report: await checkRange(source, task) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  busy = false;
  if (closing) await finish();
});
