/**
 * A running session on the facilitator's laptop: the lobby that admits tablets, one private room
 * per admitted tablet (a star, docs/architecture.md "Topology"), and what the facilitator sees of each
 * device. Everything it learns is stored, so a reload of this page picks the session up again:
 * same key, same rooms, the devices reconnect by themselves.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the bookkeeping maps and sets are private and
   never read by a view: views read `devices`, which is recomputed and replaced on every change. */
import type { ResponseRecord } from '../../domain/response';
import { createSubscriber } from 'svelte/reactivity';
import type { PublicDiscussion } from '../../domain/discussion';
import { surveyProgress } from '../../domain/progress';
import type { SurveyLookup } from '../../domain/response-check';
import type { Survey } from '../../domain/survey-schema';
import { validateSurvey } from '../../domain/survey-validate';
import type { CollectedRow, KringDb, SessionDeviceRow, SessionRow } from '../../storage/db';
import type { StorageErrorKind } from '../../storage/storage-errors';
import { collectedIn, getCollected, putCollected } from '../../storage/collected-store';
import {
  blockOversizedDevice,
  changeSession,
  getSession,
  putSessionDevices,
  sessionDevices,
} from '../../storage/session-store';
import { checkCode, fingerprint } from '../../sync/admission';
import {
  clampDevices,
  DEFAULT_MAX_DEVICES,
  LobbyHost,
  MAX_ROOMS,
  type LobbyDevice,
} from '../../sync/lobby-host';
import { isConnected, NO_PEERS, roomPath, type RoomPath } from '../../sync/room-connection';
import { throttled } from '../../shared/throttled';
import type { Network } from '../../sync/network';
import {
  FacilitatorRoom,
  type DiscussionInput,
  type ResponseOwners,
  type RoomLimits,
} from './facilitator-room';

/** How often, at most, the lobby's changes are read (rows written, the list redrawn). */
const LOBBY_EVERY_MS = 250;

export interface SessionOptions {
  now?: () => number;
  limits?: RoomLimits;
}

export interface DeviceView {
  deviceId: string;
  /** "1", "2", … in the order the devices first came. */
  number: number;
  status: LobbyDevice['status'];
  blocked: boolean;
  online: boolean;
  /** How the laptop reaches the device now: WebRTC, or the kit server's relay. */
  path: RoomPath | undefined;
  webrtcPeers: number;
  broadcastPeers: number;
  offlineSince: number | undefined;
  lastSeen: number;
  started: number;
  submitted: number;
  quarantined: number;
  /** Hellos that claimed this tablet's id with another key: another device posing as it. */
  conflicts: number;
  /** The answering progress of the device's newest unsubmitted response. */
  current: { answered: number; total: number } | undefined;
}

export class FacilitatorSession {
  session = $state.raw<SessionRow>() as SessionRow;
  devices = $state.raw<DeviceView[]>([]);
  /** Whether the lobby reaches the kit server's signaling. */
  signalingUp = $state(false);
  /** Devices in line to be let in (admission goes at a pace, up to `maxDevices`). */
  queued = $state(0);
  /**
   * Why the laptop cannot store what tablets send, if it cannot (full disk). Tablets keep their
   * answers meanwhile: they get no receipt until the laptop has stored them.
   */
  storageError = $state.raw<StorageErrorKind | undefined>();

  readonly survey: Survey;
  readonly fingerprint: string;
  /** What tablets that typed the join code show, to compare (admission.ts, checkCode). */
  readonly checkCode: string;
  readonly submitted = $derived(this.devices.reduce((n, d) => n + d.submitted, 0));
  readonly started = $derived(this.devices.reduce((n, d) => n + d.started, 0));

  readonly #db: KringDb;
  readonly #network: Network;
  readonly #now: () => number;
  readonly #limits: RoomLimits | undefined;
  readonly #storedListeners = new Set<(row: CollectedRow) => void>();
  /** Row keys of responses the facilitator removed (test responses). */
  readonly #removed = new Set<string>();
  readonly #inputListeners = new Set<(deviceId: string, input: DiscussionInput) => void>();
  #discussion: PublicDiscussion | null = null;
  readonly #rooms = new Map<string, FacilitatorRoom>();
  readonly #opening = new Set<string>();
  readonly #owners: ResponseOwners = new Map();
  #lobby: LobbyHost | undefined;
  #pubsub: ReturnType<Network['createPubSub']> | undefined;
  #lobbyDevices: LobbyDevice[] = [];
  /** Each device's row as last written to storage, to write only what changed. */
  readonly #written = new Map<string, string>();
  #blocked = new Set<string>();
  #destroyed = false;
  /**
   * The lobby's changes, followed at once and then at most every LOBBY_EVERY_MS: a flood of
   * hellos changes the line many times a second, and each read writes rows and redraws the list.
   */
  readonly #lobbyChanged = throttled(() => {
    if (this.#lobby && !this.#destroyed) void this.#onLobby(this.#lobby.devices);
  }, LOBBY_EVERY_MS);

  private constructor(
    db: KringDb,
    session: SessionRow,
    survey: Survey,
    network: Network,
    options: SessionOptions,
  ) {
    this.#db = db;
    this.session = session;
    this.survey = survey;
    this.#network = network;
    this.#now = options.now ?? Date.now;
    this.#limits = options.limits;
    this.fingerprint = fingerprint(session.publicKey);
    this.checkCode = checkCode(session.publicKey);
  }

  /** Opens a stored session: restores its devices and rooms, then listens in the lobby. */
  static async open(
    db: KringDb,
    sessionId: string,
    network: Network,
    options: SessionOptions = {},
  ): Promise<FacilitatorSession | undefined> {
    const session = await getSession(db, sessionId);
    if (!session) return undefined;
    const checked = validateSurvey(session.definition);
    if (!checked.ok) throw new Error(`Session ${sessionId} holds an invalid definition`);
    const s = new FacilitatorSession(db, session, checked.survey, network, options);
    await s.#start();
    return s;
  }

  async #start(): Promise<void> {
    const known = await sessionDevices(this.#db, this.session.id);
    for (const row of await collectedIn(this.#db, this.session.id)) {
      if (row.status === 'removed') this.#removed.add(row.key);
      if (row.status !== 'quarantined' && !this.#owners.has(row.responseId))
        this.#owners.set(row.responseId, row.deviceId);
    }
    this.#blocked = new Set(known.filter((d) => d.blocked).map((d) => d.deviceId));
    this.#pubsub = this.#network.createPubSub((up) => {
      this.signalingUp = up;
      if (up) this.#lobby?.announce();
    });
    this.#lobby = new LobbyHost({
      pubsub: this.#pubsub,
      joinCode: this.session.joinCode,
      sessionId: this.session.id,
      keys: { secretKey: this.session.secretKey, publicKey: this.session.publicKey },
      admitByHand: this.session.admitByHand,
      maxDevices: this.session.maxDevices ?? DEFAULT_MAX_DEVICES,
      // A session imported from another laptop takes no devices here.
      closed: this.session.closed || this.session.imported === true,
      known: known.map(({ deviceId, publicKey, status, firstSeen, lastSeen }) => ({
        deviceId,
        publicKey,
        status,
        firstSeen,
        lastSeen,
      })),
      now: this.#now,
      onChange: () => this.#lobbyChanged.schedule(),
    });
    await this.#onLobby(this.#lobby.devices);
  }

  admit(deviceId: string): void {
    this.#lobby?.admit(deviceId);
  }

  remove(deviceId: string): void {
    this.#lobby?.remove(deviceId);
  }

  /** The most tablets one session may admit: the rooms one laptop page carries. */
  readonly maxDevicesLimit = MAX_ROOMS;

  /** How many tablets may be admitted (at most `maxDevicesLimit`). */
  get maxDevices(): number {
    return this.session.maxDevices ?? DEFAULT_MAX_DEVICES;
  }

  async setMaxDevices(max: number): Promise<void> {
    const value = clampDevices(max);
    this.#lobby?.setMaxDevices(value);
    await changeSession(this.#db, this.session.id, { maxDevices: value });
    this.session = { ...this.session, maxDevices: value };
  }

  async setAdmitByHand(byHand: boolean): Promise<void> {
    this.#lobby?.setAdmitByHand(byHand);
    await changeSession(this.#db, this.session.id, { admitByHand: byHand });
    this.session = { ...this.session, admitByHand: byHand };
  }

  /** The anonymity threshold for the beamer (at least 1). */
  async setThreshold(k: number): Promise<void> {
    const value = Math.max(1, Math.round(k));
    await changeSession(this.#db, this.session.id, { k: value });
    this.session = { ...this.session, k: value };
  }

  /** No new responses: tablets say so, and still hand over everything they have. */
  async close(): Promise<void> {
    await changeSession(this.#db, this.session.id, { closed: true });
    this.session = { ...this.session, closed: true };
    this.#lobby?.close();
    for (const room of this.#rooms.values()) room.close();
  }

  /** The session's responses as stored, oldest first (set-aside ones left out: they are listed apart). */
  async responseRows(): Promise<CollectedRow[]> {
    const all = await collectedIn(this.db, this.session.id);
    return all
      .filter((r) => r.response && r.status !== 'quarantined')
      .sort((a, b) => a.response!.startedAt - b.response!.startedAt);
  }

  /**
   * Takes a response out (a test response): kept on the laptop with its answers, but no longer
   * counted, exported or sent on, and not recorded again from the tablet. Undone by `restore`.
   */
  async removeResponse(key: string): Promise<void> {
    await this.#setRemoved(key, true);
  }

  async restoreResponse(key: string): Promise<void> {
    await this.#setRemoved(key, false);
  }

  async #setRemoved(key: string, removed: boolean): Promise<void> {
    const row = await getCollected(this.#db, key);
    if (!row || row.sessionId !== this.session.id || !row.response) return;
    if (row.status === 'quarantined') return;
    const changed: CollectedRow = { ...row, status: removed ? 'removed' : 'valid' };
    await putCollected(this.#db, changed);
    if (removed) this.#removed.add(key);
    else this.#removed.delete(key);
    const room = this.#rooms.get(row.deviceId);
    if (room) {
      if (removed) room.rows.delete(key);
      else room.rows.set(key, changed);
    }
    this.#storedListeners.forEach((listener) => listener(changed));
    this.#refresh();
  }

  /**
   * Calls `listener` with each checked response row once it is committed on the laptop (results
   * update from here). Returns the function that stops it.
   */
  onStored(listener: (row: CollectedRow) => void): () => void {
    this.#storedListeners.add(listener);
    return () => this.#storedListeners.delete(listener);
  }

  /** Read in an effect: the effect runs again each time a response row is committed. */
  readonly stored = createSubscriber((update) => this.onStored(update));

  /** Calls `listener` with a device's checked reactions and votes whenever they change. */
  onDiscussionInput(listener: (deviceId: string, input: DiscussionInput) => void): () => void {
    this.#inputListeners.add(listener);
    return () => this.#inputListeners.delete(listener);
  }

  /** Shows the discussion (its public state) on every tablet; null ends it. */
  publishDiscussion(discussion: PublicDiscussion | null): void {
    this.#discussion = discussion;
    for (const room of this.#rooms.values()) room.publishDiscussion(discussion);
  }

  /** The database the session is kept in (results load what was stored before). */
  get db(): KringDb {
    return this.#db;
  }

  /** Tries the failed writes again, e.g. after space was freed on the laptop. */
  async retrySave(): Promise<void> {
    await Promise.allSettled([...this.#rooms.values()].map((room) => room.retrySave()));
    this.#refresh();
  }

  /** Every response the laptop holds for this session, as checked rows. */
  collected(): CollectedRow[] {
    return [...this.#rooms.values()].flatMap((room) => [...room.rows.values()]);
  }

  /** Resolves when everything received so far is committed (tests, before a reload). */
  async whenSaved(): Promise<void> {
    await Promise.all([...this.#rooms.values()].map((room) => room.whenSaved()));
  }

  destroy(): void {
    this.#destroyed = true;
    this.#lobbyChanged.cancel();
    this.#lobby?.destroy();
    this.#pubsub?.destroy();
    for (const room of this.#rooms.values()) room.destroy();
    this.#rooms.clear();
  }

  async #onLobby(devices: LobbyDevice[]): Promise<void> {
    this.#lobbyDevices = devices;
    this.queued = this.#lobby?.queued ?? 0;
    // Only the rows that changed (a hello changes one device's lastSeen, not the class's).
    const changed = devices
      .map((d) => this.#deviceRow(d))
      .filter((row) => this.#written.get(row.deviceId) !== JSON.stringify(row));
    await putSessionDevices(this.#db, changed);
    for (const row of changed) this.#written.set(row.deviceId, JSON.stringify(row));
    for (const device of devices) {
      const room = this.#rooms.get(device.deviceId);
      if (device.status === 'removed' && room) {
        room.destroy();
        this.#rooms.delete(device.deviceId);
      }
    }
    // Rooms open side by side, the most recently heard device first: during a flood of made-up
    // hellos, a real tablet (which keeps saying hello) does not wait behind their rooms.
    const toOpen = devices
      .filter((d) => d.status === 'admitted' && !this.#rooms.has(d.deviceId))
      .filter((d) => !this.#blocked.has(d.deviceId))
      .sort((a, b) => b.lastSeen - a.lastSeen);
    await Promise.all(toOpen.map((device) => this.#openRoom(device)));
    this.#refresh();
  }

  async #openRoom(device: LobbyDevice): Promise<void> {
    if (this.#opening.has(device.deviceId) || this.#destroyed) return;
    this.#opening.add(device.deviceId);
    try {
      const room = await FacilitatorRoom.open({
        db: this.#db,
        sessionId: this.session.id,
        deviceId: device.deviceId,
        room: device.room,
        relayKey: device.relayKey,
        definition: this.session.definition,
        school: this.session.school,
        isRemoved: (key) => this.#removed.has(key),
        closed: this.session.closed,
        lookup: this.#lookup,
        owners: this.#owners,
        connect: this.#network.connect,
        signalingUrl: this.#network.signalingUrl,
        ...(this.#network.iceServers ? { iceServers: this.#network.iceServers } : {}),
        ...(this.#limits ? { limits: this.#limits } : {}),
        onStored: (row) => this.#storedListeners.forEach((listener) => listener(row)),
        discussion: this.#discussion,
        onDiscussionInput: (input) =>
          this.#inputListeners.forEach((listener) => listener(device.deviceId, input)),
        now: this.#now,
        onChange: () => this.#onRoomChange(device.deviceId),
      });
      if (this.#destroyed) room.destroy();
      else this.#rooms.set(device.deviceId, room);
    } finally {
      this.#opening.delete(device.deviceId);
    }
  }

  #onRoomChange(deviceId: string): void {
    const room = this.#rooms.get(deviceId);
    if (room?.blocked && !this.#blocked.has(deviceId)) {
      this.#blocked.add(deviceId);
      void blockOversizedDevice(this.#db, this.session.id, deviceId);
    }
    this.#refreshDevice(deviceId);
  }

  /**
   * One room changed (a write saved, a peer came or went): only its device's view is made again,
   * not all of them (a hall of 150 tablets changes rooms dozens of times a second).
   */
  #refreshDevice(deviceId: string): void {
    const index = this.devices.findIndex((view) => view.deviceId === deviceId);
    const device = this.#lobbyDevices.find((d) => d.deviceId === deviceId);
    if (index < 0 || !device) return this.#refresh();
    this.storageError = this.#storageError();
    const held = this.devices[index]!;
    const view = this.#view(device, held.number);
    if (sameView(held, view)) return;
    const devices = [...this.devices];
    devices[index] = view;
    this.devices = devices;
  }

  #storageError(): StorageErrorKind | undefined {
    const failed = [...this.#rooms.values()]
      .map((room) => room.saveStatus)
      .find((status) => status.state === 'error');
    return failed?.state === 'error' ? failed.kind : undefined;
  }

  readonly #lookup: SurveyLookup = (id, version) =>
    id === this.survey.id && version === this.survey.version ? this.survey : undefined;

  #deviceRow(device: LobbyDevice): SessionDeviceRow {
    // The relay key is not stored: it is derived again from the keys on every start.
    const { deviceId, publicKey, status, room, firstSeen, lastSeen } = device;
    const row: SessionDeviceRow = {
      sessionId: this.session.id,
      deviceId,
      publicKey,
      status,
      room,
      firstSeen,
      lastSeen,
    };
    if (this.#blocked.has(device.deviceId)) row.blocked = 'oversized';
    return row;
  }

  #refresh(): void {
    this.storageError = this.#storageError();
    const ordered = [...this.#lobbyDevices].sort((a, b) => a.firstSeen - b.firstSeen);
    // A device whose view did not change keeps its object: its row on the page is not redrawn.
    const before = new Map(this.devices.map((view) => [view.deviceId, view]));
    this.devices = ordered.map((device, index) => {
      const view = this.#view(device, index + 1);
      const held = before.get(view.deviceId);
      return held && sameView(held, view) ? held : view;
    });
    for (const view of this.devices) this.#rooms.get(view.deviceId)?.setNumber(view.number);
  }

  /** A response's progress, worked out once per version of it (rows are replaced, not changed). */
  readonly #progress = new WeakMap<ResponseRecord, { answered: number; total: number }>();

  progressOf(response: ResponseRecord): { answered: number; total: number } {
    let progress = this.#progress.get(response);
    if (!progress) {
      const { answered, total } = surveyProgress(this.survey, response.answers);
      this.#progress.set(response, (progress = { answered, total }));
    }
    return progress;
  }

  #view(device: LobbyDevice, number: number): DeviceView {
    const room = this.#rooms.get(device.deviceId);
    const rows = room ? [...room.rows.values()] : [];
    const valid = rows.flatMap((r) => (r.response ? [r.response] : []));
    const open = valid
      .filter((r) => r.status === 'in-progress')
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    const progress = open && this.progressOf(open);
    const peers = room?.peers ?? NO_PEERS;
    return {
      deviceId: device.deviceId,
      number,
      status: device.status,
      blocked: this.#blocked.has(device.deviceId),
      online: isConnected(peers),
      path: roomPath(peers),
      webrtcPeers: peers.webrtc,
      broadcastPeers: peers.broadcast,
      offlineSince: room?.offlineSince,
      lastSeen: device.lastSeen,
      started: valid.length,
      submitted: valid.filter((r) => r.status === 'submitted').length,
      quarantined: rows.filter((r) => r.status === 'quarantined').length,
      conflicts: device.conflicts,
      current: progress && { answered: progress.answered, total: progress.total },
    };
  }
}

function sameView(a: DeviceView, b: DeviceView): boolean {
  const keys = Object.keys(b) as (keyof DeviceView)[];
  return keys.every((key) =>
    key === 'current'
      ? a.current?.answered === b.current?.answered && a.current?.total === b.current?.total
      : a[key] === b[key],
  );
}
