import type { JobRunRecord, JobRunRepo, JobRunStatus } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import { isUniqueViolation } from '../prisma-errors.js';

type Row = Omit<JobRunRecord, 'status'> & { status: string };
const toRecord = (row: Row): JobRunRecord => ({ ...row, status: row.status as JobRunStatus });

export function jobRunRepo(db: PrismaTx): JobRunRepo {
  return {
    async find(job, period) {
      const row = await db.jobRun.findUnique({ where: { job_period: { job, period } } });
      return row ? toRecord(row) : null;
    },
    async insertRunning(run) {
      // Called outside a transaction: a conflict must not abort anything else.
      try {
        await db.jobRun.create({ data: run });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async retake(previous, next) {
      const { count } = await db.jobRun.updateMany({
        where: { id: previous.id, status: previous.status, attempts: previous.attempts },
        data: { ...next, status: 'running', attempts: previous.attempts + 1, error: null, nextRetryAt: null },
      });
      return count === 1;
    },
    async succeed(claim, summary, now) {
      const { count } = await db.jobRun.updateMany({
        where: { id: claim.id, attempts: claim.attempts, status: 'running' },
        data: { status: 'succeeded', summary, finishedAt: now, error: null },
      });
      return count === 1;
    },
    async fail(claim, error, nextRetryAt, now) {
      await db.jobRun.updateMany({
        where: { id: claim.id, attempts: claim.attempts },
        data: { status: 'failed', error: error.slice(0, 1000), nextRetryAt, finishedAt: now },
      });
    },
    async latest(job) {
      const row = await db.jobRun.findFirst({ where: { job }, orderBy: { startedAt: 'desc' } });
      return row ? toRecord(row) : null;
    },
    async dueRetries(now) {
      const rows = await db.jobRun.findMany({ where: { status: 'failed', nextRetryAt: { lte: now } } });
      return rows.map(toRecord);
    },
  };
}
