/** The Dexie schema: the durable store of every device (DESIGN.md, "Persistence"). */
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { ResponseRecord } from '../domain/response';

/** One Yjs update of one room's doc, in the order it was stored. */
export interface UpdateRow {
  seq?: number;
  room: string;
  update: Uint8Array;
}

/** A response as materialized from its room's doc, for queries without loading Yjs. */
export interface ResponseRow extends ResponseRecord {
  room: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export class KringDb extends Dexie {
  updates!: EntityTable<UpdateRow, 'seq'>;
  responses!: Table<ResponseRow, string>;
  settings!: Table<SettingRow, string>;

  constructor(name = 'kring', options: DexieOptions = {}) {
    // 'strict' asks Chromium to flush each commit to disk: an answer shown as saved survives
    // a tablet whose battery dies, not only a closed tab.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({
      updates: '++seq, room',
      responses: 'id, room, surveyId, status',
      settings: 'key',
    });
  }
}

export async function getSetting<T>(db: KringDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function putSetting(db: KringDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
