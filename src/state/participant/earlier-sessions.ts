/**
 * Sessions this tablet joined before. A tablet that joins a new session keeps the answers of the
 * old one in IndexedDB, but they only travel when it is in that session's room again; so every
 * join is remembered, and the join screen says when an earlier session still holds answers its
 * facilitator has not received, with a way back to hand them over.
 */
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { openDevice } from './open-device';

export interface PastJoin {
  joinCode: string;
  fingerprint?: string;
  room: string;
  /** The room's relay key, base64url (joins from before the relay have none). */
  relayKey?: string;
  joinedAt: number;
}

/** The session a tablet is in now, as ParticipantSession keeps it (a join without its time). */
export type JoinRecord = Omit<PastJoin, 'joinedAt'>;

export interface Undelivered {
  joinCode: string;
  fingerprint?: string;
  /** Answer lists on this tablet that session's facilitator has not stored. */
  count: number;
}

declare module '../../storage/settings' {
  interface Settings {
    /** Every session this tablet joined, newest first. */
    pastJoins: PastJoin[];
    /** The session this tablet is in now (ParticipantSession writes it). */
    join: JoinRecord;
  }
}

/** Enough for a tablet's year of sessions; the oldest drop off. */
const KEEP = 50;

export async function pastJoins(db: KringDb): Promise<PastJoin[]> {
  const joins = (await getSetting(db, 'pastJoins')) ?? [];
  // The last join as ParticipantSession keeps it (also on tablets from before this list).
  const last = await getSetting(db, 'join');
  return last && !joins.some((j) => j.room === last.room)
    ? [{ ...last, joinedAt: 0 }, ...joins]
    : joins;
}

/** Remembers a join (a room joined again moves to the front). */
export async function rememberJoin(db: KringDb, join: PastJoin): Promise<void> {
  const others = (await pastJoins(db)).filter((j) => j.room !== join.room);
  await putSetting(db, 'pastJoins', [join, ...others].slice(0, KEEP));
}

/** This tablet's join of the session of this code, if it joined it before. */
export async function pastJoinOf(db: KringDb, joinCode: string): Promise<PastJoin | undefined> {
  return (await pastJoins(db)).find((j) => j.joinCode === joinCode);
}

/** Earlier sessions (not `currentRoom`) whose facilitator has not received all their answers. */
export async function undeliveredElsewhere(
  db: KringDb,
  currentRoom?: string,
): Promise<Undelivered[]> {
  const found: Undelivered[] = [];
  for (const join of await pastJoins(db)) {
    if (join.room === currentRoom) continue;
    const device = await openDevice(db, { room: join.room });
    const { doc } = device;
    const count = doc.list().filter((r) => !doc.isReceived(r.id)).length;
    device.persistence.destroy();
    if (count > 0)
      found.push({
        joinCode: join.joinCode,
        ...(join.fingerprint ? { fingerprint: join.fingerprint } : {}),
        count,
      });
  }
  return found;
}
