/**
 * This laptop and the study hub (issue 14): while the hub is reachable, every session on the
 * laptop (run here or imported) is pushed to its hub document, and every session another
 * facilitator pushed is pulled into this laptop's tables; the study's coding doc is shared live.
 *
 * Pushing adds only what a document lacks (hub-session-doc.ts), after its state arrived, so it
 * is idempotent. Pulling goes through the bundle import: the document is read as bundle data and
 * checked in full (it is untrusted, another laptop wrote it), merged by id, and a document that
 * fails the check is refused and listed, never stored. Nothing here is needed for a session to
 * run: offline, the laptop works as before and catches up when the hub is back.
 */
import * as Y from 'yjs';
import type { BundleProblem } from '../../domain/bundle';
import type { KringDb } from '../../storage/db';
import { watchSessionTables } from '../../storage/session-archive';
import { sessionsOldestFirst } from '../../storage/session-store';
import { isOnlineSession } from '../study/online-responses';
import { HubLink, type HubLinkStatus } from '../../sync/hub-link';
import { hubDocumentName, parseHubKey } from '../../sync/hub-names';
import {
  indexedSessions,
  indexSessions,
  readSession,
  slicesOf,
  writeSession,
  type SessionSlice,
} from '../../sync/hub-session-doc';
import { exportBundle, importBundle } from '../study/bundles';
import { hubUrl, type HubSettings } from './hub-settings';
import { openStudyCoding, type StudyCoding } from '../study/study-coding';
import { throttled, type Throttled } from '../../shared/throttled';
import { SerialQueue } from '../../shared/serial-queue';
import { problemOf, type ProblemKind } from '../problems';

export type HubState =
  { kind: 'off' } | { kind: 'badSettings'; field: 'url' | 'key' } | HubLinkStatus;

/** A hub document that failed the check: it was not stored. */
export interface RefusedDocument {
  sessionId: string;
  problems: BundleProblem[] | 'tooLarge';
}

/** How often, at most, a stream of local changes is read again to be pushed. */
const SNAPSHOT_MS = 300;
/** How often, at most, a changing hub document is imported. */
const PULL_MS = 250;

/** The origin of this laptop's own writes into hub documents (they are not pulled back). */
const PUSH = Symbol('kring-hub-push');

interface SessionDoc {
  doc: Y.Doc;
  synced: () => boolean;
  /** Whether it was synced when last pushed to: a new sync (a reconnection) pushes again. */
  wasSynced: boolean;
  /** The local slice last written into it. */
  pending?: SessionSlice;
  /**
   * Imports it after a change (at most every pullEveryMs: a live session elsewhere changes it all
   * the time), one import after the other.
   */
  pull: Throttled;
  pulls: SerialQueue;
}

export interface HubSyncOptions {
  WebSocketPolyfill?: unknown;
  maxDelayMs?: number;
  /** How often, at most, a changing hub document is read and imported. */
  pullEveryMs?: number;
}

/* eslint-disable svelte/prefer-svelte-reactivity -- the maps and sets below are bookkeeping of
   the connection, never read by a view; what views read is in $state fields. */
export class HubSync {
  state = $state.raw<HubState>({ kind: 'off' });
  study = $state('');
  /** Sessions in the hub's index (this study). */
  sessions = $state(0);
  /**
   * Whether this laptop's sessions, as last read, are written and listed, every document has
   * the hub's state, and nothing is left to send.
   */
  inSync = $state(false);
  /** Responses that came from the hub since the start. */
  received = $state(0);
  /**
   * Versions from the hub of responses this laptop may not replace (collected here, or
   * submitted), kept aside since the start: someone with the study's key rewrote them.
   */
  conflicts = $state(0);
  refused = $state.raw<RefusedDocument[]>([]);
  /** The last read or import failed (a full disk): nothing of it was stored. */
  problem = $state<ProblemKind | undefined>();

  readonly #db: KringDb;
  readonly #options: HubSyncOptions;
  #link: HubLink | undefined;
  #coding: StudyCoding | undefined;
  #index: { doc: Y.Doc; synced: () => boolean } | undefined;
  #docs = new Map<string, SessionDoc>();
  /** The sessions this laptop ran (not imported): its versions of their responses win. */
  #collectedHere = new Set<string>();
  // One read after the other: a slow read never overtakes a newer one.
  readonly #snapshots = new SerialQueue((error) => this.#failed(error));
  readonly #snapshot = throttled(
    () => this.#snapshots.push(() => this.#succeeded(this.#readLocal())),
    SNAPSHOT_MS,
  );
  #latest = new Map<string, SessionSlice>();
  /** Whether this laptop's sessions were read since the start (until then, nothing is pushed). */
  #read = false;
  #indexWasSynced = false;
  /** The local sessions last listed in the index. */
  #indexed: Map<string, SessionSlice> | undefined;
  readonly #listeners = new Set<() => void>();
  #stopped = false;
  /** Stops following this laptop's session tables (a no-op while not following them). */
  #unwatch: () => void = () => undefined;
  /** Counts starts: a start overtaken by a newer one gives up. */
  #runs = 0;

  constructor(db: KringDb, options: HubSyncOptions = {}) {
    this.#db = db;
    this.#options = options;
  }

  /** Starts with these settings (stops a running link first). */
  async start(settings: HubSettings): Promise<void> {
    this.stop();
    this.#stopped = false;
    const run = ++this.#runs;
    if (!settings.on) return;
    const url = hubUrl(settings.url);
    const key = parseHubKey(settings.key);
    if (!url) return void (this.state = { kind: 'badSettings', field: 'url' });
    if (!key) return void (this.state = { kind: 'badSettings', field: 'key' });
    this.study = key.study;
    this.state = { kind: 'connecting' };
    const link = await HubLink.open({
      url,
      token: key.token,
      WebSocketPolyfill: this.#options.WebSocketPolyfill,
      maxDelayMs: this.#options.maxDelayMs,
    });
    const coding = await openStudyCoding(this.#db);
    if (this.#stopped || run !== this.#runs) {
      // Stopped, or started again, while the client loaded.
      link.destroy();
      coding.release();
      return;
    }
    this.#link = link;
    this.#coding = coding;
    link.onChange(() => this.#linkChanged());
    link.attach(hubDocumentName(key.study, 'coding', 'main'), coding.coding.doc);

    const indexDoc = new Y.Doc();
    const index = link.attach(hubDocumentName(key.study, 'index', 'sessions'), indexDoc);
    this.#index = { doc: indexDoc, synced: () => index.synced };
    indexDoc.on('update', () => this.#followIndex());

    this.#unwatch = watchSessionTables(this.#db, () => this.#snapshot.schedule());
    this.#snapshot.schedule();
  }

  /** Stops syncing; what was pulled stays on this laptop. */
  stop(): void {
    this.#stopped = true;
    this.#unwatch();
    this.#snapshot.cancel();
    for (const entry of this.#docs.values()) entry.pull.cancel();
    this.#docs.clear();
    this.#link?.destroy();
    this.#link = undefined;
    this.#coding?.release();
    this.#coding = undefined;
    this.#index = undefined;
    this.#indexed = undefined;
    this.#read = false;
    this.#indexWasSynced = false;
    this.state = { kind: 'off' };
    this.inSync = false;
  }

  /** Calls `listener` after a hub document changed and this laptop's tables hold what it has. */
  onImported(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #linkChanged(): void {
    const link = this.#link;
    if (!link) return;
    this.state = link.status;
    if (link.status.kind === 'refused') {
      this.#unwatch();
      this.inSync = false;
      return;
    }
    // The index's own updates are followed as they come; here only the moment it has synced
    // (its first state arrives before it counts as synced), not on every event of the link.
    const indexSynced = this.#index?.synced() ?? false;
    if (indexSynced && !this.#indexWasSynced) this.#followIndex();
    this.#indexWasSynced = indexSynced;
    this.#push();
  }

  async #readLocal(): Promise<void> {
    if (this.#stopped) return;
    // Online links' responses never go to the hub in clear: every laptop of the study opens
    // them from their sealed envelopes itself (issue 25).
    const sessions = (await sessionsOldestFirst(this.#db)).filter((s) => !isOnlineSession(s.id));
    const ids = sessions.map((s) => s.id);
    const bundle = await exportBundle(this.#db, ids, Date.now, { coding: false });
    if (this.#stopped) return;
    this.#collectedHere = new Set(sessions.filter((s) => !s.imported).map((s) => s.id));
    this.#latest = slicesOf(bundle);
    this.#read = true;
    this.#push();
  }

  /** Attaches every session of the index (the hub's sessions this laptop does not have yet). */
  #followIndex(): void {
    if (!this.#index?.synced()) return;
    const ids = indexedSessions(this.#index.doc).filter((id) => !isOnlineSession(id));
    this.sessions = ids.length;
    for (const id of ids) this.#sessionDoc(id);
  }

  #failed(error: unknown): void {
    if (!this.#stopped) this.problem = problemOf(error);
  }

  async #succeeded(step: Promise<void>): Promise<void> {
    await step;
    this.problem = undefined;
  }

  #sessionDoc(id: string): SessionDoc | undefined {
    const link = this.#link;
    if (!link || link.status.kind === 'refused') return undefined;
    const known = this.#docs.get(id);
    if (known) return known;
    const doc = new Y.Doc();
    const hubDoc = link.attach(hubDocumentName(this.study, 'session', id), doc);
    const created: SessionDoc = {
      doc,
      synced: () => hubDoc.synced,
      wasSynced: false,
      pull: throttled(
        () => created.pulls.push(() => this.#succeeded(this.#pull(id, created))),
        this.#options.pullEveryMs ?? PULL_MS,
      ),
      pulls: new SerialQueue((error) => this.#failed(error)),
    };
    this.#docs.set(id, created);
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== PUSH) created.pull.schedule();
    });
    return created;
  }

  /**
   * Writes each local session into its document, once that document has the hub's state (and
   * again after every reconnection), and lists them in the index.
   */
  #push(): void {
    const link = this.#link;
    if (!link || link.status.kind !== 'connected') {
      for (const entry of this.#docs.values()) entry.wasSynced = false;
      this.#indexed = undefined;
      this.inSync = false;
      return;
    }
    for (const [id, slice] of this.#latest) {
      const entry = this.#sessionDoc(id);
      if (!entry) return;
      const synced = entry.synced();
      if (synced && (!entry.wasSynced || entry.pending !== slice)) {
        writeSession(entry.doc, slice, PUSH, this.#collectedHere.has(id));
        entry.pending = slice;
      }
      entry.wasSynced = synced;
    }
    const index = this.#index;
    if (index?.synced() && this.#indexed !== this.#latest) {
      const listed = [...this.#latest.values()].map(({ sessions: [s] }) => ({
        id: s!.id,
        title: s!.title,
        school: s!.school,
      }));
      indexSessions(index.doc, listed, PUSH);
      this.#indexed = this.#latest;
    }
    if (!index?.synced()) this.#indexed = undefined;
    // Said only of what was pushed: a laptop whose sessions are not yet read, written or listed
    // is not in sync, however synced the documents it has attached so far.
    this.inSync =
      this.#read &&
      this.#indexed === this.#latest &&
      [...this.#latest].every(([id, slice]) => this.#docs.get(id)?.pending === slice) &&
      link.allSynced;
  }

  async #pull(id: string, entry: SessionDoc): Promise<void> {
    if (this.#docs.get(id) !== entry) return;
    const read = readSession(entry.doc);
    if (!read.ok) {
      if (read.reason === 'tooLarge') this.#refuse(id, 'tooLarge');
      return;
    }
    const result = await importBundle(this.#db, read.bundle);
    if (!result.ok) return 'problems' in result ? this.#refuse(id, result.problems) : undefined;
    this.refused = this.refused.filter((r) => r.sessionId !== id);
    const { responsesAdded, responsesUpdated, conflicts } = result.summary;
    this.received += responsesAdded + responsesUpdated;
    this.conflicts += conflicts;
    // Someone changed a response of a session run here: the hub gets this laptop's version back.
    if (conflicts > 0 && this.#collectedHere.has(id)) {
      entry.pending = undefined;
      this.#push();
    }
    // Also when nothing was new here: another page of this laptop may have stored it first.
    for (const listener of this.#listeners) listener();
  }

  #refuse(sessionId: string, problems: RefusedDocument['problems']): void {
    this.refused = [
      ...this.refused.filter((r) => r.sessionId !== sessionId),
      { sessionId, problems },
    ];
  }
}
