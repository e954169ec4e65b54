// A verification worker thread (see audit-range-checker.ts): checks ranges of the audit
// chain on its own read-only connection, reading each range page by page, recomputing
// every entry's hash and checking each entry against the one before it. It reports what
// it found (ChainRangeReport in core/audit/range-check.ts); verify.ts joins the ranges
// and words the problems. Plain JavaScript, so it loads the same under tsx, vitest and
// the dist/ bundle.
import { parentPort, workerData } from 'node:worker_threads';
import { entryHashOf } from '../core/audit/entry-hash.mjs';
import { AUDIT_COLUMNS } from './audit-rows.mjs';
import { pgTimestampMs, sqliteInstantMs } from './db-instants.mjs';

// No upper bound in SQL: with one, PostgreSQL (without statistics yet) sorts the rest of
// the range for every page instead of walking the primary key. Rows past the range are
// left to the next one.
const pageSql = (after, limit) =>
  `SELECT ${AUDIT_COLUMNS} FROM "AuditEntry" WHERE "seq" > ${after} ORDER BY "seq" LIMIT ${limit}`;

/** Pages of raw rows (arrays in AUDIT_COLUMNS order) and how to read their instants. */
async function openSource(source) {
  // Only the driver in use is loaded: each worker is a whole JavaScript heap of its own.
  if (source.provider === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(source.file, { readonly: true, fileMustExist: true });
    // One pass in seq order reuses no page: a small cache keeps the worker small.
    db.pragma('cache_size = -2000');
    const statement = db.prepare(pageSql('?', '?')).raw(true);
    return {
      page: async (after, limit) => statement.all(after, limit),
      instantMs: sqliteInstantMs,
      close: async () => db.close(),
    };
  }
  const { default: pg } = await import('pg');
  // Every column as the server's text: no parsing beyond what the hash needs.
  const client = new pg.Client({ ...source.config, types: { getTypeParser: () => (text) => text } });
  await client.connect();
  const text = pageSql('$1', '$2');
  return {
    page: async (after, limit) => (await client.query({ text, values: [after, limit], rowMode: 'array' })).rows,
    instantMs: pgTimestampMs,
    close: () => client.end(),
  };
}

/** Set by a "close" message: the range under way stops at its next page. */
let closing = false;

/** Checks entries with afterSeq < seq <= upToSeq; stops at the first that fails. */
async function checkRange(source, { afterSeq, upToSeq, pageSize }) {
  const report = { afterSeq, upToSeq, count: 0, first: null, last: null, bad: null };
  // The range holds at most upToSeq - after entries: never ask for more.
  const ask = (after) => {
    const limit = Math.min(pageSize, upToSeq - after);
    return limit > 0 ? { limit, rows: source.page(after, limit) } : null;
  };
  let prevSeq = 0;
  let prevHash = '';
  let next = ask(afterSeq);
  while (next) {
    const rows = await next.rows;
    const lastSeq = rows.length > 0 ? Number(rows[rows.length - 1][0]) : upToSeq;
    // Ask for the next page before hashing this one (on PostgreSQL the two overlap).
    next = rows.length === next.limit && lastSeq < upToSeq && !closing ? ask(lastSeq) : null;
    for (const row of rows) {
      const seq = Number(row[0]);
      if (seq > upToSeq) break;
      const hashOk =
        entryHashOf(seq, source.instantMs(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], row[8]) === row[9];
      if (report.count === 0) {
        report.first = { seq, prevHash: row[8], hashOk };
      } else if (seq !== prevSeq + 1 || !hashOk || row[8] !== prevHash) {
        report.bad = { index: report.count, seq, expectedSeq: prevSeq + 1, hashOk, linkOk: row[8] === prevHash };
        break;
      }
      prevSeq = seq;
      prevHash = row[9];
      report.count++;
    }
    if (report.bad) break;
  }
  await next?.rows.catch(() => {});
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
