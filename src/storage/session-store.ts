/**
 * The facilitator's sessions and the devices their lobbies have seen (laptop only). State asks
 * for sessions here and never touches the tables (docs/architecture.md, "Storage").
 */
import { definitionKey, freeDefinitionKey } from './definition-key';
import {
  type DefinitionRow,
  type KringDb,
  type SessionDeviceRow,
  type SessionRow,
  type StoredSession,
} from './db';

/** The settings of a session a facilitator can change after it started. */
export type SessionChange = Partial<
  Pick<SessionRow, 'closed' | 'admitByHand' | 'k' | 'maxDevices' | 'openWithoutApproval'>
>;

/** Stored sessions with their questionnaire's text (each text read once). */
async function withDefinitions(
  db: KringDb,
  stored: readonly StoredSession[],
): Promise<SessionRow[]> {
  const keys = [...new Set(stored.map((s) => s.definitionKey))];
  const texts = new Map(
    (await db.definitions.bulkGet(keys)).flatMap((row) => (row ? [[row.key, row.text]] : [])),
  );
  return stored.flatMap(({ definitionKey: key, ...session }) => {
    const definition = texts.get(key);
    // A session without its text cannot be shown or counted; it is never written that way.
    return definition === undefined ? [] : [{ ...session, definition }];
  });
}

export async function getSession(db: KringDb, id: string): Promise<SessionRow | undefined> {
  const stored = await db.sessions.get(id);
  return stored ? (await withDefinitions(db, [stored]))[0] : undefined;
}

/** The sessions of these ids that are stored, in the order asked. */
export async function getSessions(db: KringDb, ids: readonly string[]): Promise<SessionRow[]> {
  const stored = (await db.sessions.bulkGet([...ids])).filter((s) => s !== undefined);
  return withDefinitions(db, stored);
}

/** Every session, oldest first. */
export async function sessionsOldestFirst(db: KringDb): Promise<SessionRow[]> {
  return withDefinitions(db, await db.sessions.orderBy('createdAt').toArray());
}

/** Every session without its questionnaire, oldest first: what a list of sessions needs. */
export function sessionListOldestFirst(db: KringDb): Promise<StoredSession[]> {
  return db.sessions.orderBy('createdAt').toArray();
}

/** Stores a new session; its questionnaire's text is stored once, whoever else uses it. */
export async function addSession(db: KringDb, row: SessionRow): Promise<void> {
  const { definition, ...session } = row;
  await db.transaction('rw', db.sessions, db.definitions, async () => {
    // The texts under this text's key and its follow-ups (`key~2`…): another text may share it.
    const base = definitionKey(definition);
    const held = new Map(
      (await db.definitions.where('key').startsWith(base).toArray()).map((d: DefinitionRow) => [
        d.key,
        d.text,
      ]),
    );
    const key = freeDefinitionKey(definition, (k) => held.get(k));
    if (!held.has(key)) await db.definitions.add({ key, text: definition });
    await db.sessions.add({ ...session, definitionKey: key });
  });
}

export async function changeSession(db: KringDb, id: string, change: SessionChange): Promise<void> {
  await db.sessions.update(id, change);
}

export function sessionDevices(db: KringDb, sessionId: string): Promise<SessionDeviceRow[]> {
  return db.sessionDevices.where('sessionId').equals(sessionId).toArray();
}

export async function putSessionDevices(
  db: KringDb,
  rows: readonly SessionDeviceRow[],
): Promise<void> {
  if (rows.length > 0) await db.sessionDevices.bulkPut([...rows]);
}

/** Marks a device that sent more than any response needs: it no longer syncs. */
export async function blockOversizedDevice(
  db: KringDb,
  sessionId: string,
  deviceId: string,
): Promise<void> {
  await db.sessionDevices.update([sessionId, deviceId], { blocked: 'oversized' });
}
