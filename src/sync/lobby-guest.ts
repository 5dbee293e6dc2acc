/**
 * A device's side of the lobby: says hello, recognises the facilitator, and learns its admission,
 * which it believes only with a valid MAC from that facilitator. Once admitted it knows its
 * private room and the key of the room's relay frames.
 *
 * Which facilitator: the one whose key matches the fingerprint from the QR code, when there is
 * one. A typed code has none, and anyone who reads the code off the beamer can answer it (issue
 * 19: a script that re-announced the code every 25 ms won typed tablets). So a typed join trusts
 * no one by itself: every facilitator that answers is a candidate, shown by its check code, and
 * the participant confirms the one on the facilitator's screen (`confirm`). Until then the
 * device sends nothing but its hello and follows no admission. When two laptops answer one code,
 * the participant is asked, not the first one chosen.
 */
import {
  admissionMac,
  fingerprint,
  fromBase64Url,
  lobbyDeviceId,
  lobbyTopic,
  pairSecret,
  relayKeyFromSecret,
  roomFromSecret,
  toBase64Url,
  type KeyPair,
} from './admission';
import { parseLobbyMessage, type LobbyMessage } from './lobby-messages';
import type { PubSub } from './pubsub';

export type GuestState =
  | { state: 'searching' }
  | { state: 'waiting' }
  | { state: 'admitted'; room: string; relayKey: Uint8Array }
  | { state: 'removed' }
  | { state: 'closed' };

export interface LobbyGuestOptions {
  pubsub: PubSub;
  joinCode: string;
  /** The device's key pair; its id in this lobby is a hash of the public key (lobbyDeviceId). */
  keys: KeyPair;
  /**
   * The facilitator key's fingerprint from the QR code (or pinned by an earlier join); without
   * it the participant confirms a candidate (`onCandidates`, `confirm`).
   */
  fingerprint?: string;
  onState?: (state: GuestState) => void;
  /**
   * Another facilitator than the trusted one answered in the lobby (its key does not match the
   * fingerprint, or is not the one confirmed): ignored, and named by its public key.
   */
  onImpostor?: (publicKey: Uint8Array) => void;
  /** The facilitator this device trusts, by its public key (to show the check code, to pin it). */
  onTrusted?: (publicKey: Uint8Array) => void;
  /** A typed join: the facilitators that answered so far, for the participant to pick from. */
  onCandidates?: (candidates: readonly Uint8Array[]) => void;
}

interface Facilitator {
  session: string;
  shared: Uint8Array;
  key: string;
}

/** Candidates kept at most while a typed join waits to be confirmed (against a flood of them). */
const MAX_CANDIDATES = 8;
/**
 * Until it is admitted, a device says hello again this often: the facilitator may have missed
 * the last one, and a device that keeps asking goes before made-up hellos (admission-queue.ts).
 */
export const HELLO_AGAIN_MS = 2000;

export class LobbyGuest {
  readonly #o: LobbyGuestOptions;
  readonly #topic: string;
  readonly #unsubscribe: () => void;
  readonly #helloTimer: ReturnType<typeof setInterval>;
  /** This device's id in this session's lobby. */
  readonly deviceId: string;
  #facilitator: Facilitator | undefined;
  /** Typed join, before the participant confirmed: facilitators that answered, by key. */
  readonly #candidates = new Map<string, Facilitator>();
  /** Keys already reported as impostors (each is named once). */
  readonly #impostors = new Set<string>();
  #state: GuestState = { state: 'searching' };

  constructor(options: LobbyGuestOptions) {
    this.#o = options;
    this.deviceId = lobbyDeviceId(options.keys.publicKey, options.joinCode);
    this.#topic = lobbyTopic(options.joinCode);
    this.#unsubscribe = options.pubsub.subscribe(this.#topic, (data) => this.#onMessage(data));
    this.hello();
    this.#helloTimer = setInterval(() => {
      if (this.#state.state === 'searching' || this.#state.state === 'waiting') this.hello();
    }, HELLO_AGAIN_MS);
  }

  get state(): GuestState {
    return this.#state;
  }

  /** A typed join: the facilitators that answered and could be confirmed. */
  get candidates(): Uint8Array[] {
    return [...this.#candidates.keys()].flatMap((key) => fromBase64Url(key) ?? []);
  }

  /**
   * The participant confirmed this candidate (its check code is on the facilitator's screen):
   * it is trusted from now on, the others are impostors. False if it is not a candidate.
   */
  confirm(publicKey: Uint8Array): boolean {
    const key = toBase64Url(publicKey);
    const chosen = this.#candidates.get(key);
    if (!chosen || this.#facilitator) return false;
    this.#candidates.delete(key);
    for (const other of this.#candidates.keys()) this.#reportImpostor(other);
    this.#candidates.clear();
    this.#trust(chosen, publicKey);
    return true;
  }

  /** Asks to join (again): after a reconnect, or while still searching. */
  hello(): void {
    this.#o.pubsub.publish(this.#topic, {
      kind: 'hello',
      v: 1,
      deviceId: this.deviceId,
      publicKey: toBase64Url(this.#o.keys.publicKey),
    });
  }

  destroy(): void {
    clearInterval(this.#helloTimer);
    this.#unsubscribe();
  }

  #onMessage(data: unknown): void {
    const message = parseLobbyMessage(data);
    if (message?.kind === 'facilitator') this.#onFacilitator(message);
    else if (message?.kind === 'admission') this.#onAdmission(message);
  }

  #onFacilitator(message: Extract<LobbyMessage, { kind: 'facilitator' }>): void {
    if (this.#facilitator) {
      if (message.publicKey !== this.#facilitator.key) this.#reportImpostor(message.publicKey);
      return;
    }
    const key = fromBase64Url(message.publicKey);
    if (!key) return;
    if (this.#o.fingerprint !== undefined && fingerprint(key) !== this.#o.fingerprint) {
      this.#reportImpostor(message.publicKey);
      return;
    }
    const shared = pairSecret(this.#o.keys.secretKey, key);
    if (!shared) return;
    const candidate = { session: message.session, shared, key: message.publicKey };
    if (this.#o.fingerprint !== undefined) return this.#trust(candidate, key);
    if (this.#candidates.has(message.publicKey) || this.#candidates.size >= MAX_CANDIDATES) return;
    this.#candidates.set(message.publicKey, candidate);
    this.#o.onCandidates?.(this.candidates);
  }

  #trust(facilitator: Facilitator, publicKey: Uint8Array): void {
    this.#facilitator = facilitator;
    this.#o.onTrusted?.(publicKey);
    this.hello(); // our first hello may have gone out before this facilitator listened
  }

  #reportImpostor(key: string): void {
    if (this.#impostors.has(key)) return;
    this.#impostors.add(key);
    const publicKey = fromBase64Url(key);
    if (publicKey) this.#o.onImpostor?.(publicKey);
  }

  #onAdmission(message: Extract<LobbyMessage, { kind: 'admission' }>): void {
    const facilitator = this.#facilitator;
    if (
      !facilitator ||
      message.deviceId !== this.deviceId ||
      message.session !== facilitator.session
    )
      return;
    const expected = admissionMac(facilitator.shared, [
      message.session,
      message.deviceId,
      message.status,
    ]);
    if (message.mac !== expected) return;
    const { joinCode } = this.#o;
    const deviceId = this.deviceId;
    const next: GuestState =
      message.status === 'admitted'
        ? {
            state: 'admitted',
            room: roomFromSecret(facilitator.shared, joinCode, deviceId),
            relayKey: relayKeyFromSecret(facilitator.shared, joinCode, deviceId),
          }
        : { state: message.status };
    if (sameState(next, this.#state)) return;
    this.#state = next;
    this.#o.onState?.(next);
  }
}

function sameState(a: GuestState, b: GuestState): boolean {
  return a.state === b.state && (a.state !== 'admitted' || a.room === (b as typeof a).room);
}
