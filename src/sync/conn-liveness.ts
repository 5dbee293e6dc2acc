/**
 * Liveness of a room's connections: a connection counts as live only while messages arrive on
 * it, not while its channel merely stays open (issue 19: after glare both sides kept an open
 * channel that the other did not listen to, and both said "connected"). Each side sends a
 * heartbeat every HEARTBEAT_MS that the other always answers (webrtc-room.ts), so a live
 * connection hears something at least that often; one that heard nothing for SILENT_MS since
 * it opened, or since its last message, is dead and gets closed.
 */

/** How often each side asks the other for an answer (a sync step 1). */
export const HEARTBEAT_MS = 3000;
/** Silence after which an open connection is dead: three heartbeats without an answer. */
export const SILENT_MS = 9000;

interface Watched {
  /** When its channel opened (undefined before). */
  openedAt: number | undefined;
  /** When a message from it last arrived (undefined before the first). */
  heardAt: number | undefined;
}

export class ConnLiveness<K extends object> {
  readonly #conns = new WeakMap<K, Watched>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Starts watching a connection; false if it was watched already. */
  watch(conn: K): boolean {
    if (this.#conns.has(conn)) return false;
    this.#conns.set(conn, { openedAt: undefined, heardAt: undefined });
    return true;
  }

  /** Its channel opened. */
  opened(conn: K): void {
    const watched = this.#conns.get(conn);
    if (watched && watched.openedAt === undefined) watched.openedAt = this.#now();
  }

  /** A message from it arrived; true if that made it live (it was not a moment ago). */
  heard(conn: K): boolean {
    const watched = this.#conns.get(conn);
    if (!watched) return false;
    const wasLive = this.isLive(conn);
    watched.heardAt = this.#now();
    return !wasLive;
  }

  /** Messages from it arrive: one came within SILENT_MS. */
  isLive(conn: K): boolean {
    const heardAt = this.#conns.get(conn)?.heardAt;
    return heardAt !== undefined && this.#now() - heardAt < SILENT_MS;
  }

  /** Open, but nothing arrived for SILENT_MS (or ever, since it opened that long ago). */
  isDead(conn: K): boolean {
    const watched = this.#conns.get(conn);
    const since = watched?.heardAt ?? watched?.openedAt;
    return since !== undefined && this.#now() - since >= SILENT_MS;
  }
}
