/**
 * Opens this device's durable state: its random id, its doc (replayed from the update log)
 * and the persistence that saves every change. The composition point of storage and sync.
 */
import { nanoid } from 'nanoid';
import { KringDb, getSetting, putSetting, type ResponseRow } from '../storage/db';
import { DocPersistence } from '../storage/doc-persistence';
import { DeviceDoc } from '../sync/device-doc';

export interface Device {
  db: KringDb;
  /** Random, 126 bits, made on this device (works without crypto.randomUUID). */
  deviceId: string;
  room: string;
  doc: DeviceDoc;
  persistence: DocPersistence<ResponseRow>;
}

export async function openDevice(db: KringDb = new KringDb()): Promise<Device> {
  await db.open();
  let deviceId = await getSetting<string>(db, 'deviceId');
  if (!deviceId) {
    deviceId = nanoid();
    await putSetting(db, 'deviceId', deviceId);
  }
  const room = `device-${deviceId}`;
  const doc = new DeviceDoc();
  const persistence = new DocPersistence<ResponseRow>({
    db,
    room,
    doc: doc.doc,
    rows: db.responses,
    rowKey: (row) => row.id,
    materialize: (tr) => doc.changedResponseIds(tr).map((id) => ({ ...doc.read(id)!, room })),
  });
  await persistence.load();
  return { db, deviceId, room, doc, persistence };
}

/** A new response id: random, 126 bits. */
export function newResponseId(): string {
  return nanoid();
}
