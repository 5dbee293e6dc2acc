/**
 * One session as a hub document, and the study's index of sessions: the bundle's lists
 * (docs/export-formats.md) as Y.Maps keyed by id, each entry one plain JSON value. Laptops only
 * add what the document lacks, and replace a response only by a newer version of itself, so
 * pushing twice, or two laptops pushing the same session, adds nothing; the document is the
 * union of what every laptop pushed. The laptop that collected the session is its authority: it
 * puts back its own version of a response that someone else changed on the hub.
 *
 * What a document holds is untrusted (another laptop wrote it): `readSession` returns it as bundle
 * data, which the bundle import checks in full before anything is stored.
 */
import * as Y from 'yjs';
import { BUNDLE_FORMAT_VERSION, type BundleData } from '../domain/bundle';
import { deviceResponseKey } from '../domain/response';

type Lists = Omit<BundleData, 'format' | 'formatVersion' | 'exportedAt' | 'coding'>;

/** One session's part of a bundle. */
export type SessionSlice = { [K in keyof Lists]: Lists[K] };

const LISTS = ['sessions', 'responses', 'discussions', 'reactions', 'notes', 'moderation'] as const;
type ListName = (typeof LISTS)[number];

/** More entries than any session holds: a document beyond this is refused unread. */
export const MAX_ENTRIES = 20_000;

const keyOf: { [K in ListName]: (entry: SessionSlice[K][number]) => string } = {
  sessions: (s) => s.id,
  responses: (r) => deviceResponseKey(r.deviceId, (r.response as { id: string }).id),
  discussions: (d) => d.id,
  reactions: (r) => r.key,
  notes: (n) => n.id,
  moderation: (m) => m.key,
};

const updatedAt = (entry: unknown): number => {
  const time = (entry as { response?: { updatedAt?: unknown } } | null)?.response?.updatedAt;
  return typeof time === 'number' ? time : -Infinity;
};

/** Splits bundle data into one slice per session. */
export function slicesOf(bundle: BundleData): Map<string, SessionSlice> {
  const slices = new Map<string, SessionSlice>();
  for (const session of bundle.sessions)
    slices.set(session.id, {
      sessions: [session],
      responses: [],
      discussions: [],
      reactions: [],
      notes: [],
      moderation: [],
    });
  for (const name of LISTS) {
    if (name === 'sessions') continue;
    for (const entry of bundle[name]) {
      const slice = slices.get(entry.sessionId);
      (slice?.[name] as unknown[] | undefined)?.push(entry);
    }
  }
  return slices;
}

/**
 * Adds what the document lacks of a slice (one transaction); returns how many entries it wrote.
 * `collectedHere`: this laptop ran the session, so its responses replace any other version.
 */
export function writeSession(
  doc: Y.Doc,
  slice: SessionSlice,
  origin?: unknown,
  collectedHere = false,
): number {
  let written = 0;
  doc.transact(() => {
    for (const name of LISTS) {
      const map = doc.getMap<unknown>(name);
      for (const entry of slice[name]) {
        const key = (keyOf[name] as (e: unknown) => string)(entry);
        const there = map.get(key);
        const newer =
          name === 'responses' &&
          (collectedHere
            ? JSON.stringify(entry) !== JSON.stringify(there)
            : updatedAt(entry) > updatedAt(there));
        if (there === undefined || newer) {
          map.set(key, entry);
          written++;
        }
      }
    }
  }, origin);
  return written;
}

export type SessionRead =
  { ok: true; bundle: BundleData; entries: number } | { ok: false; reason: 'empty' | 'tooLarge' };

/** The document as bundle data (unchecked), or why it cannot be read. */
export function readSession(doc: Y.Doc): SessionRead {
  const maps = LISTS.map((name) => doc.getMap<unknown>(name));
  const entries = maps.reduce((n, map) => n + map.size, 0);
  if (entries > MAX_ENTRIES) return { ok: false, reason: 'tooLarge' };
  if (maps[0]!.size === 0) return { ok: false, reason: 'empty' };
  // In key order: every laptop reads the same document the same way.
  const inOrder = (map: Y.Map<unknown>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  const lists = Object.fromEntries(
    LISTS.map((name, i) => [name, inOrder(maps[i]!)]),
  ) as unknown as Lists;
  return {
    ok: true,
    entries,
    bundle: {
      format: 'kring-bundle',
      formatVersion: BUNDLE_FORMAT_VERSION,
      exportedAt: 0,
      ...lists,
    },
  };
}

const INDEX = 'sessions';
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** More sessions than any study has: the rest of a larger index is not followed. */
export const MAX_SESSIONS = 5_000;

/** Adds these sessions to the study's index document. */
export function indexSessions(
  doc: Y.Doc,
  sessions: { id: string; title: string; school: string }[],
  origin?: unknown,
): void {
  const index = doc.getMap<unknown>(INDEX);
  doc.transact(() => {
    for (const { id, title, school } of sessions)
      if (!index.has(id)) index.set(id, { title, school });
  }, origin);
}

/** The session ids in the index that fit the scheme (at most MAX_SESSIONS). */
export function indexedSessions(doc: Y.Doc): string[] {
  return [...doc.getMap<unknown>(INDEX).keys()]
    .filter((id) => SESSION_ID.test(id))
    .slice(0, MAX_SESSIONS);
}
