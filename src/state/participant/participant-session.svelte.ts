/**
 * A tablet in a facilitator's session: it joins through the lobby (join code, and the
 * facilitator key's fingerprint when it came from the QR code), then syncs its own doc in its
 * private room. The survey arrives from the facilitator through that doc. The join is remembered,
 * so a reload, or a tablet that lost the network, goes straight back to its room and keeps
 * answering offline; everything syncs when the laptop can be reached again.
 */
import { createSubscriber } from 'svelte/reactivity';
import { nanoid } from 'nanoid';
import {
  REACTION_MAX_LENGTH,
  type DeviceReaction,
  type PublicDiscussion,
  type ReactionKind,
} from '../../domain/discussion';
import { profileOf } from '../../domain/results/respondent';
import { type Survey } from '../../domain/survey-schema';
import { type ValidationIssue } from '../../domain/survey-validate';
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import {
  checkCode,
  fingerprint,
  fromBase64Url,
  randomCheckCode,
  toBase64Url,
} from '../../sync/admission';
import { LobbyGuest, type GuestState } from '../../sync/lobby-guest';
import {
  isConnected,
  NO_PEERS,
  roomPath,
  type RoomConnection,
  type RoomPeers,
} from '../../sync/room-connection';
import {
  addReaction,
  ownVotes,
  REACTIONS,
  readPublicDiscussion,
  setVote,
} from '../../sync/discussion-channel';
import {
  isSessionClosed,
  readDefinition,
  readDeviceNumber,
  readSchool,
} from '../../sync/session-channel';
import type { Network } from '../../sync/network';
import { deviceKeys } from './device-keys';
import { problemOf, type ProblemKind } from '../problems';
import { pastJoinOf, rememberJoin, type JoinRecord } from './earlier-sessions';
import { openDevice, type Device } from './open-device';
import { ParticipantFlow } from './participant-flow.svelte';

export interface JoinTicket {
  joinCode: string;
  /** From the QR code: only the facilitator with this key is trusted. */
  fingerprint?: string;
}

export type JoinPhase =
  /** Looking for the facilitator of this code in the lobby. */
  | { kind: 'searching' }
  /** The facilitator admits devices by hand. */
  | { kind: 'waiting' }
  | { kind: 'removed' }
  /** The session was closed before this tablet joined. */
  | { kind: 'closed' }
  /** In the room; the survey may not have arrived yet. */
  | { kind: 'joined' };

export class ParticipantSession {
  phase = $state.raw<JoinPhase>({ kind: 'searching' });
  flow = $state.raw<ParticipantFlow | undefined>();
  /** The definition the facilitator sent was not valid (a bug or a tampered laptop). */
  definitionIssues = $state.raw<ValidationIssue[] | undefined>();
  peers = $state.raw<RoomPeers>(NO_PEERS);
  closed = $state(false);
  /** This tablet's number in the facilitator's list of devices ("Tablet 4"), once told. */
  number = $state<number | undefined>();
  /** The session's school, once told: participants are not asked for it. */
  school = $state<string | undefined>();
  signalingUp = $state(false);
  /** The check codes of devices that posed as the facilitator and were ignored. */
  rejected = $state.raw<string[]>([]);
  /** The trusted facilitator's check code, to compare with the laptop's screen (typed joins). */
  checkCode = $state<string | undefined>();
  /** The check codes of the laptops that answered a typed join, until one is confirmed. */
  #candidateCodes = $state.raw<string[]>([]);
  /** Made-up check codes mixed in with the candidates' (made once, so the choices stay put). */
  readonly #decoys = [randomCheckCode(), randomCheckCode()];
  /**
   * A typed join before the participant confirmed the facilitator: the check codes to pick from,
   * those of the laptops that answered and made-up ones, so that there are at least three and
   * tapping the only button is not enough (empty once confirmed, and for QR joins).
   */
  readonly codeChoices = $derived(withDecoys(this.#candidateCodes, this.#decoys));
  /** How many laptops answered the typed join code so far (before it is confirmed). */
  readonly laptopsAnswering = $derived(this.#candidateCodes.length);
  /**
   * Follows the room's doc while a view reads the receipts, so "received" marks update as the
   * facilitator's receipts arrive (nothing to follow before the room is entered).
   */
  #followReceipts = $state.raw<() => void>(() => undefined);
  /** The discussion the facilitator opened, if any (approved reactions, anonymous). */
  discussion = $state.raw<PublicDiscussion | undefined>();
  /** The public ids of the reactions this tablet supports. */
  myVotes = $state.raw<ReadonlySet<string>>(new Set<string>()); // eslint-disable-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
  /** This tablet's own reactions in the open discussion, in the order sent. */
  myReactions = $state.raw<DeviceReaction[]>([]);

  /** A step of the join that failed in the background (storing the join, opening the room). */
  problem = $state<ProblemKind | undefined>();

  readonly ticket: JoinTicket;
  readonly #db: KringDb;
  #destroyed = false;
  readonly #network: Network;
  #device: Device | undefined;
  #guest: LobbyGuest | undefined;
  #pubsub: ReturnType<Network['createPubSub']> | undefined;
  #connection: RoomConnection | undefined;
  #joinedRoom: string | undefined;
  /** The trusted facilitator's fingerprint, learned in the lobby (pinned for later rejoins). */
  #learnedFingerprint: string | undefined;

  readonly connected = $derived(isConnected(this.peers));
  /** How this tablet reaches the laptop now: WebRTC, or the kit server's relay. */
  readonly path = $derived(roomPath(this.peers));

  private constructor(db: KringDb, ticket: JoinTicket, network: Network) {
    this.#db = db;
    this.ticket = ticket;
    this.#network = network;
  }

  /** The session this tablet joined before, if any (to resume without a code). */
  static async remembered(db: KringDb): Promise<JoinTicket | undefined> {
    const record = await getSetting(db, 'join');
    if (!record) return undefined;
    return record.fingerprint === undefined
      ? { joinCode: record.joinCode }
      : { joinCode: record.joinCode, fingerprint: record.fingerprint };
  }

  /** Joins (or rejoins) the session of `ticket`. */
  static async start(
    db: KringDb,
    ticket: JoinTicket,
    network: Network,
  ): Promise<ParticipantSession> {
    const session = new ParticipantSession(db, ticket, network);
    await session.#start();
    return session;
  }

  async #start(): Promise<void> {
    await this.#db.open();
    const record = await getSetting(this.#db, 'join');
    // A session joined before goes straight back to its room (answers given there sync on).
    const earlier =
      record?.joinCode === this.ticket.joinCode
        ? record
        : await pastJoinOf(this.#db, this.ticket.joinCode);
    if (earlier) await this.#enterRoom(earlier.room, storedKey(earlier.relayKey));
    const keys = await deviceKeys(this.#db);
    this.#pubsub = this.#network.createPubSub((up) => {
      this.signalingUp = up;
      if (up) this.#guest?.hello();
    });
    this.#guest = new LobbyGuest({
      pubsub: this.#pubsub,
      joinCode: this.ticket.joinCode,
      keys,
      ...(this.ticket.fingerprint ? { fingerprint: this.ticket.fingerprint } : {}),
      onState: (state) =>
        void this.#onGuest(state).catch((error: unknown) => {
          if (!this.#destroyed) this.problem = problemOf(error);
        }),
      onImpostor: (publicKey) => (this.rejected = [...this.rejected, checkCode(publicKey)]),
      onTrusted: (publicKey) => {
        this.checkCode = checkCode(publicKey);
        this.#learnedFingerprint = fingerprint(publicKey);
        this.#candidateCodes = [];
      },
      onCandidates: (candidates) => (this.#candidateCodes = candidates.map(checkCode)),
    });
  }

  /** The fingerprint of the facilitator this tablet trusts (from the QR code or confirmed). */
  get trustedFingerprint(): string | undefined {
    return this.ticket.fingerprint ?? this.#learnedFingerprint;
  }

  /**
   * The participant tapped a check code: the laptop with that code is the facilitator from now
   * on. False for a code no laptop here has (a made-up one, or a misread).
   */
  pickCheckCode(code: string): boolean {
    const guest = this.#guest;
    const chosen = guest?.candidates.find((key) => checkCode(key) === code);
    return chosen !== undefined && guest!.confirm(chosen);
  }

  /** The private room this tablet is in (undefined before it is admitted). */
  get room(): string | undefined {
    return this.#joinedRoom;
  }

  /** Whether the facilitator has stored this response as it is now. */
  isReceived(responseId: string): boolean {
    this.#followReceipts();
    return this.#device?.doc.isReceived(responseId) ?? false;
  }

  /** How many responses on this tablet, in this session, the facilitator has not stored yet. */
  unreceived(): number {
    this.#followReceipts();
    const doc = this.#device?.doc;
    return doc ? doc.list().filter((r) => !doc.isReceived(r.id)).length : 0;
  }

  /** Sends a reaction to the open discussion; resolves once it is stored on this tablet. */
  async react(kind: ReactionKind, text?: string): Promise<void> {
    const device = this.#device;
    const discussion = this.discussion;
    if (!device || !discussion) return;
    const reaction: DeviceReaction = {
      discussionId: discussion.id,
      kind,
      at: Date.now(),
      ...(kind === 'text' && text !== undefined
        ? { text: text.trim().slice(0, REACTION_MAX_LENGTH) }
        : {}),
    };
    addReaction(device.doc.doc, nanoid(), reaction);
    await device.persistence.whenSaved();
  }

  /** Supports (or stops supporting) an approved reaction. */
  vote(publicId: string, on: boolean): void {
    if (this.#device) setVote(this.#device.doc.doc, publicId, on);
  }

  #readDiscussion(device: Device): void {
    const doc = device.doc.doc;
    const before = this.discussion;
    this.discussion = readPublicDiscussion(doc);
    // Public text the facilitator withdrew (a reaction hidden, the discussion ended) leaves this
    // tablet's storage too, not only its screen.
    if (before && withdrew(before, this.discussion)) void device.persistence.forgetDeleted();
    this.myVotes = ownVotes(doc);
    const id = this.discussion?.id;
    this.myReactions = id
      ? [...doc.getMap<DeviceReaction>(REACTIONS).values()]
          .filter((r) => r.discussionId === id)
          .sort((a, b) => a.at - b.at)
      : [];
  }

  destroy(): void {
    this.#destroyed = true;
    this.#guest?.destroy();
    this.#pubsub?.destroy();
    this.#connection?.destroy();
    this.#device?.persistence.destroy();
  }

  async #onGuest(state: GuestState): Promise<void> {
    if (this.#destroyed) return;
    if (state.state === 'admitted') {
      // Trust on first use: a typed join pins the facilitator it found, so a rejoin checks it.
      const pinned = this.ticket.fingerprint ?? this.#learnedFingerprint;
      const record: JoinRecord = {
        ...this.ticket,
        ...(pinned ? { fingerprint: pinned } : {}),
        room: state.room,
        relayKey: toBase64Url(state.relayKey),
      };
      await putSetting(this.#db, 'join', record);
      await rememberJoin(this.#db, { ...record, joinedAt: Date.now() });
      if (!this.#destroyed) await this.#enterRoom(state.room, state.relayKey);
    } else if (state.state === 'closed') {
      this.closed = true;
      if (!this.#joinedRoom) this.phase = { kind: 'closed' };
    } else if (state.state === 'removed') {
      this.phase = { kind: 'removed' };
      this.#connection?.destroy();
      this.#connection = undefined;
    } else if (!this.#joinedRoom) {
      this.phase = { kind: state.state };
    }
  }

  /**
   * Opens the room's doc and connects it. `relayKey` lets the room use the relay; a join
   * remembered from before the relay has none until the lobby admits the tablet again.
   */
  async #enterRoom(room: string, relayKey: Uint8Array | undefined): Promise<void> {
    if (this.#joinedRoom === room) {
      if (relayKey && !this.#relayKey && this.#connection) this.#connect(room, relayKey);
      return;
    }
    this.#joinedRoom = room;
    const device = await openDevice(this.#db, { room });
    if (this.#destroyed) {
      device.persistence.destroy();
      return;
    }
    this.#device = device;
    this.phase = { kind: 'joined' };
    const doc = device.doc.doc;
    this.#followReceipts = createSubscriber((update) => {
      doc.on('update', update);
      return () => doc.off('update', update);
    });
    doc.on('update', () => void this.#onDocChange());
    await this.#onDocChange();
    this.#connect(room, relayKey);
  }

  #relayKey: Uint8Array | undefined;

  #connect(room: string, relayKey: Uint8Array | undefined): void {
    const device = this.#device;
    if (!device) return;
    this.#connection?.destroy();
    this.#relayKey = relayKey;
    this.#connection = this.#network.connect(room, device.doc.doc, {
      signalingUrl: this.#network.signalingUrl,
      ...(this.#network.iceServers ? { iceServers: this.#network.iceServers } : {}),
      ...(relayKey ? { relay: { key: relayKey, role: 'device' as const } } : {}),
      onPeers: (peers) => (this.peers = peers),
    });
  }

  #creatingFlow = false;

  async #onDocChange(): Promise<void> {
    const device = this.#device;
    if (!device) return;
    this.closed = this.closed || isSessionClosed(device.doc.doc);
    this.number = readDeviceNumber(device.doc.doc);
    this.school = readSchool(device.doc.doc);
    this.#readDiscussion(device);
    if (this.flow || this.#creatingFlow) return;
    const definition = readDefinition(device.doc.doc);
    if ('state' in definition) return;
    if (!definition.ok) {
      this.definitionIssues = definition.issues;
      return;
    }
    this.#creatingFlow = true;
    try {
      this.flow = await this.#newFlow(device, definition.survey);
    } finally {
      // A failed start (storage) is tried again with the next change, never left stuck.
      this.#creatingFlow = false;
    }
  }

  async #newFlow(device: Device, survey: Survey): Promise<ParticipantFlow> {
    const flow = new ParticipantFlow(device, survey, {
      isClosed: () => this.closed,
      preset: () => presetSchool(survey, this.school),
    });
    await flow.resume();
    return flow;
  }
}

/**
 * The profile's school answer from the session's school: its text, or the school of the
 * profile's list with that name (in any language); nothing when it matches none of the list.
 */
export function presetSchool(survey: Survey, school: string | undefined): Record<string, string> {
  const profile = profileOf(survey);
  if (!profile || !school) return {};
  const key = `${profile.id}.school`;
  if (!profile.schools) return { [key]: school };
  const name = school.toLocaleLowerCase();
  const match = profile.schools.find((c) =>
    Object.values(c.text).some((t) => t.trim().toLocaleLowerCase() === name),
  );
  return match ? { [key]: match.id } : {};
}

/** The laptops' check codes with made-up ones, at least three, in an order that says nothing. */
function withDecoys(codes: readonly string[], decoys: readonly string[]): string[] {
  if (codes.length === 0) return [];
  const made = decoys.filter((d) => !codes.includes(d)).slice(0, Math.max(0, 3 - codes.length));
  return [...codes, ...made].sort();
}

/** Whether the public discussion lost a reaction, or ended. */
function withdrew(before: PublicDiscussion, after: PublicDiscussion | undefined): boolean {
  if (!after || after.id !== before.id) return true;
  const still = new Set(after.reactions.map((r) => `${r.id}\u0000${r.text}`));
  return before.reactions.some((r) => !still.has(`${r.id}\u0000${r.text}`));
}

/** A relay key as stored with a join: 32 bytes, or none. */
function storedKey(text: string | undefined): Uint8Array | undefined {
  const key = text === undefined ? undefined : fromBase64Url(text);
  return key?.length === 32 ? key : undefined;
}
