import type { DataKeyRepo, EventRepo, SettingRepo, ThreadLinkRepo } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import { isUniqueViolation } from '../prisma-errors.js';
import { instant, type Sql } from '../sql.js';

export function eventRepo(sql: Sql): EventRepo {
  return {
    async remember(key, now) {
      // An insert that may conflict: ON CONFLICT DO NOTHING keeps a surrounding
      // PostgreSQL transaction usable, where a failed insert would abort it.
      const inserted = await sql.run(
        `INSERT INTO "ProcessedEvent" ("key", "createdAt") VALUES (?, ?) ON CONFLICT DO NOTHING`,
        [key, now],
      );
      return inserted === 1;
    },
  };
}

export function settingRepo(db: PrismaTx): SettingRepo {
  return {
    async get(key) {
      return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
    },
    async set(key, value) {
      await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
  };
}

const DATA_KEY_COLUMNS = `"id", "ownerId", "wrappedKey", "masterKeyId", "createdAt"`;
type DataKeyRow = { id: string; ownerId: string; wrappedKey: string; masterKeyId: string; createdAt: string | Date };
const toDataKey = (row: DataKeyRow) => ({ ...row, createdAt: instant(row.createdAt) });

export function dataKeyRepo(db: PrismaTx, sql: Sql): DataKeyRepo {
  const byOwner = async (ownerId: string) =>
    (await sql.rows<DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM "DataKey" WHERE "ownerId" = ?`, [ownerId]))[0];
  return {
    // Read when a DM or notification is sealed (the key ring caches them for a while).
    async findByOwner(ownerId) {
      const [row] = await sql.rows<DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM "DataKey" WHERE "ownerId" = ?`, [
        ownerId,
      ]);
      return row ? { ...row, createdAt: instant(row.createdAt) } : null;
    },
    async findById(id) {
      const [row] = await sql.rows<DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM "DataKey" WHERE "id" = ?`, [id]);
      return row ? { ...row, createdAt: instant(row.createdAt) } : null;
    },
    async createIfAbsent(key) {
      // Two first uses of one owner's key at once (e.g. the system key behind the first
      // notifications, on two instances): insert-or-nothing (on PostgreSQL it waits for
      // the other), then read whichever row won.
      const [inserted] = await sql.rows<DataKeyRow>(
        `INSERT INTO "DataKey" ("id", "ownerId", "wrappedKey", "masterKeyId", "createdAt") VALUES (?, ?, ?, ?, ?)
         ON CONFLICT ("ownerId") DO NOTHING RETURNING ${DATA_KEY_COLUMNS}`,
        [key.id, key.ownerId, key.wrappedKey, key.masterKeyId, new Date()],
      );
      const row = inserted ?? (await byOwner(key.ownerId));
      if (!row) throw new Error(`data key for ${key.ownerId} was neither inserted nor found`);
      return toDataKey(row);
    },
    all: () => db.dataKey.findMany({ orderBy: { createdAt: 'asc' } }),
    async rewrap(id, wrappedKey, masterKeyId) {
      await db.dataKey.update({ where: { id }, data: { wrappedKey, masterKeyId } });
    },
    async destroy(ownerId) {
      await db.dataKey.deleteMany({ where: { ownerId } });
    },
  };
}

export function threadLinkRepo(db: PrismaTx): ThreadLinkRepo {
  return {
    byKey: (platform, threadKey) =>
      db.threadLink.findUnique({ where: { platform_threadKey: { platform, threadKey } } }),
    byThread: (platform, channelId, threadRef) =>
      db.threadLink.findUnique({ where: { platform_channelId_threadRef: { platform, channelId, threadRef } } }),
    async save(link) {
      try {
        return await db.threadLink.create({ data: link });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.threadLink.findUnique({
          where: { platform_threadKey: { platform: link.platform, threadKey: link.threadKey } },
        });
        if (!existing) throw error;
        return existing;
      }
    },
  };
}
