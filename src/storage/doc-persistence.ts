/**
 * Persists one room's Y.Doc in Dexie (docs/architecture.md, "Persistence"): every local transaction
 * becomes one Dexie transaction that appends the Yjs update to the room's log and upserts the
 * rows materialized from it. `whenSaved()` resolves only after that commit; that is when the UI
 * may say "saved".
 *
 * A failed write (full disk, database closed by the browser) keeps its updates and rows pending,
 * so the next attempt writes them together with anything newer: nothing in memory is dropped.
 * A closed database is reopened once before the write counts as failed.
 */
import type { Table } from 'dexie';
import * as Y from 'yjs';
import type { CollectedRow, KringDb, ResponseRow, SettingRow } from './db';
import { roomUpdates } from './update-log';
import { classifyStorageError, type StorageErrorKind } from './storage-errors';

/** The origin of transactions that replay the log; they are not persisted again. */
export const LOAD_ORIGIN = Symbol('kring-load');

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'saving' }
  | { state: 'error'; kind: StorageErrorKind; error: unknown };

/** The tables whose rows are materialized from a doc, by the row each holds. */
interface MaterializedRows {
  responses: ResponseRow;
  collected: CollectedRow;
  settings: SettingRow;
}

/** The name of the table that holds rows of this type. */
type RowTable<Row> = {
  [K in keyof MaterializedRows]: MaterializedRows[K] extends Row ? K : never;
}[keyof MaterializedRows];

export interface DocPersistenceOptions<Row> {
  db: KringDb;
  room: string;
  doc: Y.Doc;
  /** The table the rows materialized from the doc go to. */
  rows: RowTable<Row>;
  /** Plain rows for what a transaction changed, computed synchronously at that moment. */
  materialize(transaction: Y.Transaction): Row[];
  rowKey(row: Row): string;
  /** Merge the room's log into one update once it has this many entries. */
  compactAfter?: number;
  /**
   * Whether to store an update at all (default: every one). The facilitator refuses what an
   * untrusted device sent beyond its size cap; a refused update is neither logged nor materialized.
   */
  accept?: (update: Uint8Array, origin: unknown) => boolean;
  /**
   * How the rows are written, when their repository must (collected-store's `collectedWriter`:
   * counts and summaries); by default a plain `bulkPut`. Passed in, so that a tablet's bundle
   * does not carry the laptop's repositories.
   */
  writer?: RowWriter<Row>;
}

/** Writes rows inside the persistence's transaction, over `tables` besides the log. */
export interface RowWriter<Row> {
  tables(db: KringDb): Table[];
  write(db: KringDb, rows: Row[]): Promise<unknown>;
}

export class DocPersistence<Row> {
  readonly #o: Required<DocPersistenceOptions<Row>>;
  #pendingUpdates: Uint8Array[] = [];
  #pendingRows = new Map<string, Row>();
  #tail: Promise<void> = Promise.resolve();
  #logLength = 0;
  #status: SaveStatus = { state: 'saved' };
  readonly #listeners = new Set<(status: SaveStatus) => void>();

  constructor(options: DocPersistenceOptions<Row>) {
    const plain: RowWriter<Row> = {
      tables: (db) => [db[options.rows]],
      write: (db, rows) => (db[options.rows] as unknown as Table<Row, string>).bulkPut(rows),
    };
    this.#o = { compactAfter: 300, accept: () => true, writer: plain, ...options };
    this.#o.doc.on('update', this.#onUpdate);
  }

  get status(): SaveStatus {
    return this.#status;
  }

  /** Replays the room's stored log into the doc. Call once, before local edits. */
  async load(): Promise<void> {
    const rows = await roomUpdates(this.#o.db, this.#o.room);
    this.#logLength = rows.length;
    if (rows.length === 0) return;
    Y.applyUpdate(this.#o.doc, Y.mergeUpdates(rows.map((r) => r.update)), LOAD_ORIGIN);
  }

  /** Resolves when everything changed so far is committed; rejects if that write failed. */
  whenSaved(): Promise<void> {
    return this.#tail;
  }

  /** Tries pending writes again (after the participant freed space, say). */
  retry(): Promise<void> {
    this.#schedule();
    return this.#tail;
  }

  /**
   * Rewrites the room's log as the doc is now, so that what was deleted from the doc is gone
   * from storage too: the log keeps every update it was sent, deleted text included, and Yjs
   * drops deleted content from the doc itself (garbage collection). The tablet does this when
   * the facilitator withdrew public text (an approved reaction hidden, a discussion ended).
   */
  forgetDeleted(): Promise<void> {
    const run = this.#tail.catch(() => undefined).then(() => this.#rewrite());
    this.#tail = run;
    run.catch(() => undefined); // as for writes: status and whenSaved() tell
    return run;
  }

  onStatus(listener: (status: SaveStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.#o.doc.off('update', this.#onUpdate);
    this.#listeners.clear();
  }

  readonly #onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    if (origin === LOAD_ORIGIN || !this.#o.accept(update, origin)) return;
    this.#pendingUpdates.push(update);
    for (const row of this.#o.materialize(tr)) this.#pendingRows.set(this.#o.rowKey(row), row);
    this.#schedule();
  };

  #schedule(): void {
    const run = this.#tail.catch(() => undefined).then(() => this.#flush());
    this.#tail = run;
    run.catch(() => undefined); // the failure is reported through status and whenSaved()
  }

  async #flush(): Promise<void> {
    if (this.#pendingUpdates.length === 0 && this.#pendingRows.size === 0) return;
    const updates = this.#pendingUpdates;
    const rows = this.#pendingRows;
    this.#pendingUpdates = [];
    this.#pendingRows = new Map();
    this.#setStatus({ state: 'saving' });
    try {
      await this.#writeReopening(updates, [...rows.values()]);
    } catch (error) {
      this.#pendingUpdates = [...updates, ...this.#pendingUpdates];
      for (const [key, row] of rows)
        if (!this.#pendingRows.has(key)) this.#pendingRows.set(key, row);
      this.#setStatus({ state: 'error', kind: classifyStorageError(error), error });
      throw error;
    }
    if (this.#logLength > this.#o.compactAfter) await this.#compact();
    this.#setStatus(this.#pendingUpdates.length > 0 ? { state: 'saving' } : { state: 'saved' });
  }

  async #writeReopening(updates: Uint8Array[], rows: Row[]): Promise<void> {
    try {
      await this.#write(updates, rows);
    } catch (error) {
      if (classifyStorageError(error) !== 'closed') throw error;
      const { db } = this.#o;
      db.close();
      await db.open();
      await this.#write(updates, rows);
    }
  }

  async #write(updates: Uint8Array[], rows: Row[]): Promise<void> {
    const { db, room, writer } = this.#o;
    await db.transaction('rw', [db.updates, ...writer.tables(db)], async () => {
      if (updates.length > 0) {
        await db.updates.add({
          room,
          update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates),
        });
      }
      if (rows.length > 0) await writer.write(db, rows);
    });
    if (updates.length > 0) this.#logLength++;
  }

  /** Replaces the room's log by one merged update, in one transaction. */
  async #compact(): Promise<void> {
    const { db, room } = this.#o;
    try {
      await db.transaction('rw', db.updates, async () => {
        const stored = await roomUpdates(db, room);
        const merged = Y.mergeUpdates(stored.map((r) => r.update));
        await db.updates.bulkDelete(stored.map((r) => r.seq!));
        await db.updates.add({ room, update: merged });
      });
      this.#logLength = 1;
    } catch {
      // Compaction is an optimisation: the uncompacted log is complete, so try again next write.
    }
  }

  async #rewrite(): Promise<void> {
    await this.#flush();
    const { db, room, doc } = this.#o;
    const state = Y.encodeStateAsUpdate(doc);
    await db.transaction('rw', db.updates, async () => {
      await db.updates.where('room').equals(room).delete();
      await db.updates.add({ room, update: state });
    });
    this.#logLength = 1;
  }

  #setStatus(status: SaveStatus): void {
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }
}
