/**
 * Opens this device's durable state: its random id, its doc (replayed from the update log)
 * and the persistence that saves every change. The composition point of storage and sync.
 */
import { nanoid } from 'nanoid';
import { KringDb, type ResponseRow } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { DocPersistence } from '../../storage/doc-persistence';
import { DeviceDoc } from '../../sync/device-doc';

export interface Device {
  db: KringDb;
  /** Random, 126 bits, made on this device (works without crypto.randomUUID). */
  deviceId: string;
  room: string;
  doc: DeviceDoc;
  persistence: DocPersistence<ResponseRow>;
}

/**
 * `room` is the doc to open: by default the device's own standalone doc; a session's doc is
 * stored under its private room name, so each session's responses stay apart.
 */
export async function openDevice(
  db: KringDb = new KringDb(),
  options: { room?: string } = {},
): Promise<Device> {
  await db.open();
  const deviceId = await deviceIdOf(db);
  const room = options.room ?? `device-${deviceId}`;
  const doc = new DeviceDoc();
  const persistence = new DocPersistence<ResponseRow>({
    db,
    room,
    doc: doc.doc,
    rows: 'responses',
    rowKey: (row) => row.id,
    materialize: (tr) => doc.changedResponseIds(tr).map((id) => ({ ...doc.read(id)!, room })),
  });
  await persistence.load();
  return { db, deviceId, room, doc, persistence };
}

/** This device's random id (126 bits), made on first use and kept. */
export async function deviceIdOf(db: KringDb): Promise<string> {
  let deviceId = await getSetting(db, 'deviceId');
  if (!deviceId) {
    deviceId = nanoid();
    await putSetting(db, 'deviceId', deviceId);
  }
  return deviceId;
}

/** A new response id: random, 126 bits. */
export function newResponseId(): string {
  return nanoid();
}
