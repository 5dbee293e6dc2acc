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
export function addSession(db: KringDb, row: SessionRow): Promise<void> {
  return addSessions(db, [row]);
}

/**
 * Stores new sessions at once (an import's); each text is stored once, whoever else uses it.
 */
export async function addSessions(db: KringDb, rows: readonly SessionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction('rw', db.sessions, db.definitions, async () => {
    // Each text's key, its follow-ups (`key~2`…) read too: another text may share the key.
    const held = new Map<string, string>();
    for (const base of new Set(rows.map((row) => definitionKey(row.definition))))
      for (const d of await db.definitions.where('key').startsWith(base).toArray())
        held.set(d.key, d.text);
    const added: DefinitionRow[] = [];
    const sessions = rows.map(({ definition, ...session }) => {
      const key = freeDefinitionKey(definition, (k) => held.get(k));
      if (!held.has(key)) {
        held.set(key, definition);
        added.push({ key, text: definition });
      }
      return { ...session, definitionKey: key };
    });
    await db.definitions.bulkAdd(added);
    await db.sessions.bulkAdd(sessions);
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
