/** The log of Yjs updates, per room: the durable form of every doc (see doc-persistence.ts). */
import type { KringDb, UpdateRow } from './db';

/** A room's stored updates, in the order they were stored. */
export function roomUpdates(db: KringDb, room: string): Promise<UpdateRow[]> {
  return db.updates.where('room').equals(room).toArray();
}

/** Appends an update to a room's log (merging a Yjs update twice changes nothing). */
export async function appendUpdate(db: KringDb, room: string, update: Uint8Array): Promise<void> {
  await db.updates.add({ room, update });
}
