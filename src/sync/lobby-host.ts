/**
 * The facilitator's side of the lobby: answers each device's hello with its admission (automatic,
 * or by hand), keeps the list of devices, and knows each device's private room. The first public
 * key seen for a device id wins, so another device cannot take over a device's place.
 */
import {
  admissionMac,
  fromBase64Url,
  lobbyTopic,
  pairSecret,
  relayKeyFromSecret,
  roomFromSecret,
  toBase64Url,
  type KeyPair,
} from './admission';
import { parseLobbyMessage } from './lobby-messages';
import type { PubSub } from './pubsub';

export type DeviceStatus = 'waiting' | 'admitted' | 'removed';

export interface LobbyDevice {
  deviceId: string;
  /** The device's X25519 public key (base64url), which it must keep to stay this device. */
  publicKey: string;
  status: DeviceStatus;
  /** The private room shared with this device (never sent over the lobby). */
  room: string;
  /** The key of the room's relay frames (never sent anywhere). */
  relayKey: Uint8Array;
  firstSeen: number;
  lastSeen: number;
}

export interface LobbyHostOptions {
  pubsub: PubSub;
  joinCode: string;
  sessionId: string;
  keys: KeyPair;
  /** Devices wait until the facilitator admits them (default: admitted at once). */
  admitByHand?: boolean;
  onChange?: (devices: LobbyDevice[]) => void;
  now?: () => number;
  /** Waiting devices kept at most (a flood of made-up hellos must not grow without bound). */
  maxWaiting?: number;
  /** Devices from before a reload of the facilitator's page: same keys, same rooms. */
  known?: readonly Omit<LobbyDevice, 'room' | 'relayKey'>[];
  /** The session was closed before this host started. */
  closed?: boolean;
}

interface Known extends LobbyDevice {
  publicKey: string;
  shared: Uint8Array;
}

export class LobbyHost {
  readonly #o: Required<Omit<LobbyHostOptions, 'onChange' | 'known' | 'closed'>> &
    Pick<LobbyHostOptions, 'onChange'>;
  readonly #topic: string;
  readonly #devices = new Map<string, Known>();
  readonly #unsubscribe: () => void;
  #closed = false;

  constructor(options: LobbyHostOptions) {
    this.#o = { admitByHand: false, now: Date.now, maxWaiting: 100, ...options };
    this.#closed = options.closed ?? false;
    for (const device of options.known ?? []) this.#restore(device);
    this.#topic = lobbyTopic(options.joinCode);
    this.#unsubscribe = options.pubsub.subscribe(this.#topic, (data) => this.#onMessage(data));
    this.#announce();
  }

  get devices(): LobbyDevice[] {
    return [...this.#devices.values()].map(
      ({ deviceId, publicKey, status, room, relayKey, firstSeen, lastSeen }) => ({
        deviceId,
        publicKey,
        status,
        room,
        relayKey,
        firstSeen,
        lastSeen,
      }),
    );
  }

  /** Whether new devices wait for the facilitator (devices already seen keep their status). */
  setAdmitByHand(byHand: boolean): void {
    this.#o.admitByHand = byHand;
  }

  admit(deviceId: string): void {
    this.#setStatus(deviceId, 'admitted');
  }

  remove(deviceId: string): void {
    this.#setStatus(deviceId, 'removed');
  }

  /** Closes the session: every device is told, and no one is admitted any more. */
  close(): void {
    this.#closed = true;
    for (const device of this.#devices.values()) this.#answer(device, 'closed');
  }

  destroy(): void {
    this.#unsubscribe();
  }

  #onMessage(data: unknown): void {
    const message = parseLobbyMessage(data);
    if (message?.kind !== 'hello') return;
    const known = this.#devices.get(message.deviceId);
    if (known && known.publicKey !== message.publicKey) return; // first key wins
    const device = known ?? this.#enrol(message.deviceId, message.publicKey);
    if (!device) return;
    device.lastSeen = this.#o.now();
    this.#announce();
    this.#answer(device, this.#closed ? 'closed' : device.status);
    this.#o.onChange?.(this.devices);
  }

  #enrol(deviceId: string, publicKey: string): Known | undefined {
    const key = fromBase64Url(publicKey);
    const shared = key && pairSecret(this.#o.keys.secretKey, key);
    if (!shared) return undefined;
    // After closing, a new device is only noted: no room is opened for it.
    const status: DeviceStatus = this.#o.admitByHand || this.#closed ? 'waiting' : 'admitted';
    const waiting = [...this.#devices.values()].filter((d) => d.status === 'waiting').length;
    if (status === 'waiting' && waiting >= this.#o.maxWaiting) return undefined;
    const now = this.#o.now();
    const device: Known = {
      deviceId,
      publicKey,
      shared,
      status,
      firstSeen: now,
      lastSeen: now,
      ...this.#roomOf(shared, deviceId),
    };
    this.#devices.set(deviceId, device);
    return device;
  }

  #restore(device: Omit<LobbyDevice, 'room' | 'relayKey'>): void {
    const key = fromBase64Url(device.publicKey);
    const shared = key && pairSecret(this.#o.keys.secretKey, key);
    if (!shared) return;
    this.#devices.set(device.deviceId, {
      ...device,
      shared,
      ...this.#roomOf(shared, device.deviceId),
    });
  }

  #roomOf(shared: Uint8Array, deviceId: string): Pick<LobbyDevice, 'room' | 'relayKey'> {
    const { joinCode } = this.#o;
    return {
      room: roomFromSecret(shared, joinCode, deviceId),
      relayKey: relayKeyFromSecret(shared, joinCode, deviceId),
    };
  }

  #setStatus(deviceId: string, status: DeviceStatus): void {
    const device = this.#devices.get(deviceId);
    if (!device || device.status === status) return;
    device.status = status;
    this.#answer(device, this.#closed ? 'closed' : status);
    this.#o.onChange?.(this.devices);
  }

  /** Says in the lobby that this facilitator is there (after the signaling socket reconnected). */
  announce(): void {
    this.#announce();
  }

  #announce(): void {
    this.#o.pubsub.publish(this.#topic, {
      kind: 'facilitator',
      v: 1,
      session: this.#o.sessionId,
      publicKey: toBase64Url(this.#o.keys.publicKey),
    });
  }

  #answer(device: Known, status: DeviceStatus | 'closed'): void {
    const { sessionId: session } = this.#o;
    const mac = admissionMac(device.shared, [session, device.deviceId, status]);
    this.#o.pubsub.publish(this.#topic, {
      kind: 'admission',
      v: 1,
      session,
      deviceId: device.deviceId,
      status,
      mac,
    });
  }
}
