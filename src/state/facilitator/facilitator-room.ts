/**
 * The laptop's side of one device's private room: the device's doc as the laptop keeps it,
 * persisted like every doc (update log + materialized rows in one Dexie transaction), watched by
 * a DeviceMirror that checks each response as untrusted input, and connected to the device.
 *
 * Limits: a device doc is untrusted, so an update bigger than any honest response could be, or a
 * doc that grows past all reason, blocks the device: that update is not stored, the room is
 * disconnected, and the facilitator sees why. What was stored before stays.
 */
import * as Y from 'yjs';
import type { PublicDiscussion } from '../../domain/discussion';
import { deviceResponseKey } from '../../domain/response';
import type { ResponseCheck, SurveyLookup } from '../../domain/response-check';
import type { CollectedRow, KringDb } from '../../storage/db';
import { collectedFrom, collectedWriter } from '../../storage/collected-store';
import { roomUpdates } from '../../storage/update-log';
import { DocPersistence, type SaveStatus } from '../../storage/doc-persistence';
import { DeviceMirror, MIRROR_ORIGIN } from '../../sync/device-mirror';
import {
  isConnected,
  NO_PEERS,
  type ConnectRoom,
  type RoomConnection,
  type RoomPeers,
} from '../../sync/room-connection';
import {
  publishDiscussion,
  readDiscussionInput,
  watchDiscussionInput,
} from '../../sync/discussion-channel';
import {
  closeSession,
  publishDefinition,
  publishDeviceNumber,
  publishSchool,
} from '../../sync/session-channel';

export interface RoomLimits {
  /** One update from the device (an honest one is a few kB; a reconnect sends what was missed). */
  maxUpdateBytes: number;
  /** Everything the device ever sent. */
  maxDocBytes: number;
}

export const DEFAULT_LIMITS: RoomLimits = { maxUpdateBytes: 1 << 20, maxDocBytes: 8 << 20 };

/** Which device owns a response id: the first one that sent it. Shared by a session's rooms. */
export type ResponseOwners = Map<string, string>;

export interface FacilitatorRoomOptions {
  db: KringDb;
  sessionId: string;
  deviceId: string;
  room: string;
  /** The key of the room's relay frames (lobby-host.ts); the device may use the relay. */
  relayKey: Uint8Array;
  definition: string;
  /** Responses the facilitator removed (by row key): never recorded again from the device. */
  isRemoved?: (key: string) => boolean;
  /** The session's school, told to the device so its participants need not type it. */
  school: string;
  closed: boolean;
  lookup: SurveyLookup;
  owners: ResponseOwners;
  connect: ConnectRoom;
  signalingUrl: string;
  iceServers?: RTCIceServer[];
  limits?: RoomLimits;
  now?: () => number;
  /** Something the facilitator sees changed: rows, peers, blocked. */
  onChange: () => void;
  /** A checked row is committed to the laptop's storage (results update from here). */
  onStored?: (row: CollectedRow) => void;
  /** The discussion to show on the device (null: none). */
  discussion: PublicDiscussion | null;
  /** The device's reactions and votes changed (checked). */
  onDiscussionInput?: (input: DiscussionInput) => void;
}

export type DiscussionInput = ReturnType<typeof readDiscussionInput>;

export class FacilitatorRoom {
  readonly doc = new Y.Doc();
  readonly #o: FacilitatorRoomOptions & { limits: RoomLimits; now: () => number };
  readonly #persistence: DocPersistence<CollectedRow>;
  /** The latest checked row of each response, for the facilitator's views. */
  readonly rows = new Map<string, CollectedRow>();
  #pending = new Map<string, CollectedRow>();
  #mirror: DeviceMirror | undefined;
  #connection: RoomConnection | undefined;
  #docBytes = 0;
  #blocked = false;
  #peers: RoomPeers = NO_PEERS;
  #stopWatching: (() => void) | undefined;
  #offlineSince: number | undefined;

  private constructor(options: FacilitatorRoomOptions) {
    this.#o = { limits: DEFAULT_LIMITS, now: Date.now, ...options };
    this.#persistence = new DocPersistence<CollectedRow>({
      db: options.db,
      room: options.room,
      doc: this.doc,
      rows: 'collected',
      // Through the repository: each row's count, and its session's summary dropped.
      writer: collectedWriter,
      rowKey: (row) => row.key,
      materialize: () => this.#drainPending(),
      accept: (update, origin) => this.#accept(update, origin),
    });
    let failed = false;
    this.#persistence.onStatus((status) => {
      // Storing works again: the receipts held back while it failed can go out now.
      if (status.state === 'error') failed = true;
      else if (status.state === 'saved' && failed) {
        failed = false;
        this.#mirror?.retryReceipts();
      }
      this.#o.onChange();
    });
  }

  /** Restores the room from the laptop's log, then starts checking and syncing. */
  static async open(options: FacilitatorRoomOptions): Promise<FacilitatorRoom> {
    const room = new FacilitatorRoom(options);
    await room.#start();
    return room;
  }

  async #start(): Promise<void> {
    const { db, room } = this.#o;
    const stored = await roomUpdates(db, room);
    this.#docBytes = stored.reduce((n, row) => n + row.update.byteLength, 0);
    await this.#persistence.load();
    this.#mirror = new DeviceMirror(
      this.doc,
      this.#o.lookup,
      { accepted: (c) => this.#record(c), quarantined: (c, key) => this.#record(c, key) },
      this.#o.now,
      () => this.#persistence.whenSaved(),
    );
    publishDefinition(this.doc, this.#o.definition, MIRROR_ORIGIN);
    publishSchool(this.doc, this.#o.school, MIRROR_ORIGIN);
    if (this.#o.closed) closeSession(this.doc, MIRROR_ORIGIN);
    publishDiscussion(this.doc, this.#o.discussion, MIRROR_ORIGIN);
    const onInput = this.#o.onDiscussionInput;
    if (onInput) {
      const read = () => {
        if (!this.#blocked) onInput(readDiscussionInput(this.doc));
      };
      this.#stopWatching = watchDiscussionInput(this.doc, read);
      read();
    }
    this.#offlineSince = this.#o.now();
    this.#connection = this.#o.connect(this.#o.room, this.doc, {
      signalingUrl: this.#o.signalingUrl,
      ...(this.#o.iceServers ? { iceServers: this.#o.iceServers } : {}),
      relay: { key: this.#o.relayKey, role: 'facilitator' },
      onPeers: (peers) => this.#onPeers(peers),
    });
  }

  get deviceId(): string {
    return this.#o.deviceId;
  }

  get peers(): RoomPeers {
    return this.#peers;
  }

  /** When the device was last connected, while it is not. */
  get offlineSince(): number | undefined {
    return isConnected(this.#peers) ? undefined : this.#offlineSince;
  }

  get blocked(): boolean {
    return this.#blocked;
  }

  /** Opens, updates or (null) ends the discussion on this device. */
  publishDiscussion(discussion: PublicDiscussion | null): void {
    if (!this.#blocked) publishDiscussion(this.doc, discussion, MIRROR_ORIGIN);
  }

  /** Tells the device its number in the facilitator's list ("Tablet 4"). */
  setNumber(number: number): void {
    if (this.#blocked || number === this.#number) return; // asked on every change of any device
    this.#number = number;
    publishDeviceNumber(this.doc, number, MIRROR_ORIGIN);
  }

  #number: number | undefined;

  /** The session no longer takes new responses; the device still hands over what it has. */
  close(): void {
    closeSession(this.doc, MIRROR_ORIGIN);
  }

  /** Whether what this device sent is committed on the laptop (a full disk shows here). */
  get saveStatus(): SaveStatus {
    return this.#persistence.status;
  }

  /** Writes again what could not be stored (after space was freed). */
  retrySave(): Promise<void> {
    return this.#persistence.retry();
  }

  /** Resolves when everything received so far is committed on the laptop. */
  whenSaved(): Promise<void> {
    return this.#persistence.whenSaved();
  }

  destroy(): void {
    this.#stopWatching?.();
    this.#connection?.destroy();
    this.#mirror?.destroy();
    this.#persistence.destroy();
    this.doc.destroy();
  }

  #record(check: ResponseCheck, key?: string): void {
    if (this.#blocked) return;
    const { sessionId, deviceId, owners } = this.#o;
    const responseId = check.status === 'valid' ? check.response.id : (check.id ?? key ?? '?');
    const owner = owners.get(responseId);
    const rowKey = deviceResponseKey(deviceId, responseId.slice(0, 64));
    if (this.#o.isRemoved?.(rowKey)) return;
    let row: CollectedRow = {
      key: rowKey,
      sessionId,
      deviceId,
      responseId: responseId.slice(0, 64),
      status: check.status,
      receivedAt: this.#o.now(),
    };
    if (owner !== undefined && owner !== deviceId) {
      row = { ...row, status: 'quarantined', problems: [{ kind: 'duplicateId' }] };
    } else if (check.status === 'valid') {
      owners.set(responseId, deviceId);
      row.response = check.response;
    } else {
      row.problems = check.problems;
    }
    this.rows.set(row.key, row);
    this.#pending.set(row.key, row);
    this.#o.onChange();
    const onStored = this.#o.onStored;
    // After this transaction's update handler has scheduled the write that carries the row.
    if (onStored)
      queueMicrotask(() => {
        this.#persistence.whenSaved().then(
          () => onStored(row),
          () => undefined, // not stored: the save status shows it; the next write carries it
        );
      });
  }

  #drainPending(): CollectedRow[] {
    const rows = [...this.#pending.values()];
    this.#pending = new Map();
    return rows;
  }

  #accept(update: Uint8Array, origin: unknown): boolean {
    if (this.#blocked) return false;
    if (origin === MIRROR_ORIGIN) return true;
    const { maxUpdateBytes, maxDocBytes } = this.#o.limits;
    if (update.byteLength <= maxUpdateBytes && this.#docBytes + update.byteLength <= maxDocBytes) {
      this.#docBytes += update.byteLength;
      return true;
    }
    this.#block();
    return false;
  }

  #block(): void {
    this.#blocked = true;
    this.#pending.clear();
    // Not inside the doc's update handler: stop syncing right after it, and show only what was
    // stored (the refused update may have touched rows in memory).
    queueMicrotask(() => {
      this.#connection?.destroy();
      this.#connection = undefined;
      this.#mirror?.destroy();
      this.#mirror = undefined;
      this.#stopWatching?.();
      this.#stopWatching = undefined;
      this.#peers = NO_PEERS;
      this.rows.clear();
      void this.#loadStoredRows().finally(() => this.#o.onChange());
    });
  }

  async #loadStoredRows(): Promise<void> {
    const { db, sessionId, deviceId } = this.#o;
    await this.#persistence.whenSaved().catch(() => undefined);
    const stored = await collectedFrom(db, deviceId);
    for (const row of stored) if (row.sessionId === sessionId) this.rows.set(row.key, row);
  }

  #onPeers(peers: RoomPeers): void {
    const before = this.#peers;
    if (
      before.webrtc === peers.webrtc &&
      before.broadcast === peers.broadcast &&
      before.relay === peers.relay
    )
      return;
    if (!isConnected(peers) && isConnected(before)) this.#offlineSince = this.#o.now();
    this.#peers = peers;
    this.#o.onChange();
  }
}
