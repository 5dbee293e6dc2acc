/**
 * A device's side of the lobby: says hello, recognises the facilitator (by the fingerprint from
 * the QR code when there is one, else the first that answers), and learns its admission, which
 * it believes only with a valid MAC from that facilitator. Once admitted it knows its private room
 * and the key of the room's relay frames.
 */
import {
  admissionMac,
  fingerprint,
  fromBase64Url,
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
  deviceId: string;
  keys: KeyPair;
  /** The facilitator key's fingerprint from the QR code; without it the first facilitator is trusted. */
  fingerprint?: string;
  onState?: (state: GuestState) => void;
  /**
   * A facilitator whose key does not match the fingerprint showed up in the lobby, or (without
   * a fingerprint) a second one with another key than the one trusted.
   */
  onImpostor?: () => void;
  /** The facilitator this device trusts, by its public key (to show the check code, to pin it). */
  onTrusted?: (publicKey: Uint8Array) => void;
}

interface Facilitator {
  session: string;
  shared: Uint8Array;
  key: string;
}

export class LobbyGuest {
  readonly #o: LobbyGuestOptions;
  readonly #topic: string;
  readonly #unsubscribe: () => void;
  #facilitator: Facilitator | undefined;
  #state: GuestState = { state: 'searching' };

  constructor(options: LobbyGuestOptions) {
    this.#o = options;
    this.#topic = lobbyTopic(options.joinCode);
    this.#unsubscribe = options.pubsub.subscribe(this.#topic, (data) => this.#onMessage(data));
    this.hello();
  }

  get state(): GuestState {
    return this.#state;
  }

  /** Asks to join (again): after a reconnect, or while still searching. */
  hello(): void {
    const { deviceId, keys } = this.#o;
    this.#o.pubsub.publish(this.#topic, {
      kind: 'hello',
      v: 1,
      deviceId,
      publicKey: toBase64Url(keys.publicKey),
    });
  }

  destroy(): void {
    this.#unsubscribe();
  }

  #onMessage(data: unknown): void {
    const message = parseLobbyMessage(data);
    if (message?.kind === 'facilitator') this.#onFacilitator(message);
    else if (message?.kind === 'admission') this.#onAdmission(message);
  }

  #onFacilitator(message: Extract<LobbyMessage, { kind: 'facilitator' }>): void {
    if (this.#facilitator) {
      if (message.publicKey !== this.#facilitator.key) this.#o.onImpostor?.();
      return;
    }
    const key = fromBase64Url(message.publicKey);
    if (!key) return;
    if (this.#o.fingerprint !== undefined && fingerprint(key) !== this.#o.fingerprint) {
      this.#o.onImpostor?.();
      return;
    }
    const shared = pairSecret(this.#o.keys.secretKey, key);
    if (!shared) return;
    this.#facilitator = { session: message.session, shared, key: message.publicKey };
    this.#o.onTrusted?.(key);
    this.hello(); // our first hello may have gone out before this facilitator listened
  }

  #onAdmission(message: Extract<LobbyMessage, { kind: 'admission' }>): void {
    const facilitator = this.#facilitator;
    if (
      !facilitator ||
      message.deviceId !== this.#o.deviceId ||
      message.session !== facilitator.session
    )
      return;
    const expected = admissionMac(facilitator.shared, [
      message.session,
      message.deviceId,
      message.status,
    ]);
    if (message.mac !== expected) return;
    const { joinCode, deviceId } = this.#o;
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
