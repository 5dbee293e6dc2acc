/**
 * The facilitator's side of the lobby: answers each device's hello with its admission (automatic,
 * or by hand), keeps the list of devices, and knows each device's private room.
 *
 * Against strangers in the lobby (issue 19, docs/security.md):
 * - a device's id is a hash of its key (lobbyDeviceId), so a hello that claims a known device's
 *   id with another key is not that device: it is ignored and counted as a conflict, which the
 *   facilitator sees; the first key seen for an id stays;
 * - automatic admission lets devices in at a rate and up to a cap per session (which also keeps
 *   the rooms within what the laptop's sockets carry); the rest wait in line (AdmissionQueue),
 *   where a device that keeps saying hello goes before made-up one-time hellos;
 * - the answers to hellos are rate-limited, so replayed hellos do not make a flood of answers.
 */
import { TokenBucket } from '../shared/token-bucket';
import {
  admissionMac,
  fromBase64Url,
  lobbyDeviceId,
  lobbyTopic,
  pairSecret,
  relayKeyFromSecret,
  roomFromSecret,
  toBase64Url,
  type KeyPair,
} from './admission';
import { AdmissionQueue } from './admission-queue';
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
  /** Hellos that claimed this device's id with another key (another device posing as it). */
  conflicts: number;
}

/**
 * Rooms one laptop page keeps at most: each holds a topic on the page's signaling socket and
 * one on its relay socket, which the kit server caps at 256 topics per connection.
 */
export const MAX_ROOMS = 250;
/** Devices admitted per session unless the facilitator sets another number: a school hall. */
export const DEFAULT_MAX_DEVICES = 200;

export interface AdmissionRate {
  perSecond: number;
  burst: number;
}

/** Automatic admission: 20 at once, then 5 a second (a hall of 200 tablets in about 40 s). */
export const DEFAULT_ADMISSION_RATE: AdmissionRate = { perSecond: 5, burst: 20 };

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
  /** Devices admitted at most (at most MAX_ROOMS). */
  maxDevices?: number;
  /** The pace of automatic admission. */
  admissionRate?: AdmissionRate;
  /** Devices in line for automatic admission, at most. */
  maxQueued?: number;
  /** Devices from before a reload of the facilitator's page: same keys, same rooms. */
  known?: readonly Omit<LobbyDevice, 'room' | 'relayKey' | 'conflicts'>[];
  /** The session was closed before this host started. */
  closed?: boolean;
}

interface Known extends LobbyDevice {
  shared: Uint8Array;
  /** Answers to this device's hellos (rate-limited: a replayed hello gets none of its own). */
  answers: TokenBucket;
}

/** Answers to one device's hellos: a few at once, then one a second. */
const ANSWER_RATE = { perSecond: 1, burst: 3 };
/**
 * The facilitator announces itself on each hello (a tablet that just came needs to hear it), up
 * to a rate: in a flood of hellos, a few a second, and once more after the burst.
 */
const ANNOUNCE_RATE = { perSecond: 4, burst: 10 };
const ANNOUNCE_AGAIN_MS = 250;
/** While devices wait in line, the line moves this often. */
const DRAIN_EVERY_MS = 200;

export class LobbyHost {
  readonly #o: LobbyHostOptions & { now: () => number; maxWaiting: number };
  readonly #topic: string;
  readonly #devices = new Map<string, Known>();
  readonly #queue: AdmissionQueue;
  readonly #rate: TokenBucket;
  readonly #unsubscribe: () => void;
  #admitByHand: boolean;
  #maxDevices: number;
  #closed = false;
  readonly #announceRate: TokenBucket;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #drainTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: LobbyHostOptions) {
    this.#o = { now: Date.now, maxWaiting: 100, ...options };
    this.#admitByHand = options.admitByHand ?? false;
    this.#maxDevices = clampDevices(options.maxDevices ?? DEFAULT_MAX_DEVICES);
    this.#closed = options.closed ?? false;
    const rate = options.admissionRate ?? DEFAULT_ADMISSION_RATE;
    this.#rate = new TokenBucket(rate.perSecond, rate.burst, this.#o.now);
    this.#announceRate = new TokenBucket(ANNOUNCE_RATE.perSecond, ANNOUNCE_RATE.burst, this.#o.now);
    this.#queue = new AdmissionQueue(options.maxQueued ?? 100, this.#o.now);
    for (const device of options.known ?? []) this.#restore(device);
    this.#topic = lobbyTopic(options.joinCode);
    this.#unsubscribe = options.pubsub.subscribe(this.#topic, (data) => this.#onMessage(data));
    this.#announce();
  }

  get devices(): LobbyDevice[] {
    return [...this.#devices.values()].map(
      ({ deviceId, publicKey, status, room, relayKey, firstSeen, lastSeen, conflicts }) => ({
        deviceId,
        publicKey,
        status,
        room,
        relayKey,
        firstSeen,
        lastSeen,
        conflicts,
      }),
    );
  }

  /** Devices in line for automatic admission (not in `devices` until they are let in). */
  get queued(): number {
    return this.#queue.size;
  }

  /** How many devices may be admitted in this session. */
  get maxDevices(): number {
    return this.#maxDevices;
  }

  /** Whether new devices wait for the facilitator (devices already seen keep their status). */
  setAdmitByHand(byHand: boolean): void {
    this.#admitByHand = byHand;
    if (!byHand) this.#drain();
  }

  /** Sets how many devices may be admitted (at most MAX_ROOMS); the line moves if it can. */
  setMaxDevices(max: number): void {
    this.#maxDevices = clampDevices(max);
    this.#drain();
  }

  admit(deviceId: string): void {
    if (this.#admittedCount() >= this.#maxDevices) return;
    this.#setStatus(deviceId, 'admitted');
  }

  remove(deviceId: string): void {
    this.#setStatus(deviceId, 'removed');
    this.#drain();
  }

  /** Closes the session: every device is told, and no one is admitted any more. */
  close(): void {
    this.#closed = true;
    while (this.#queue.take()); // those in line hear "closed" with their next hello
    for (const device of this.#devices.values()) this.#answer(device, 'closed');
  }

  destroy(): void {
    clearTimeout(this.#announceTimer);
    clearInterval(this.#drainTimer);
    this.#unsubscribe();
  }

  /** Says in the lobby that this facilitator is there (after the signaling socket reconnected). */
  announce(): void {
    this.#announce();
  }

  #onMessage(data: unknown): void {
    const message = parseLobbyMessage(data);
    if (message?.kind !== 'hello') return;
    const key = fromBase64Url(message.publicKey);
    if (!key) return;
    const known = this.#devices.get(message.deviceId);
    const ownId = message.deviceId === lobbyDeviceId(key, this.#o.joinCode);
    // A device id claimed with another key: someone posing as that device (the first key stays).
    if (known ? known.publicKey !== message.publicKey : !ownId) {
      if (known) {
        known.conflicts++;
        this.#changed();
      }
      return;
    }
    this.#announceSoon(); // a device that trusts us now may say hello again at once: read anew
    const device = this.#devices.get(message.deviceId);
    if (device) {
      device.lastSeen = this.#o.now();
      if (device.answers.take()) this.#answer(device, this.#closed ? 'closed' : device.status);
      this.#changed();
    } else if (this.#admitByHand || this.#closed) {
      this.#enrolWaiting(message.deviceId, message.publicKey);
    } else {
      this.#queue.offer(message.deviceId, message.publicKey);
      this.#drain();
    }
  }

  /** Noted for the facilitator to admit by hand (or, after closing, to be told so). */
  #enrolWaiting(deviceId: string, publicKey: string): void {
    const waiting = [...this.#devices.values()].filter((d) => d.status === 'waiting').length;
    if (waiting >= this.#o.maxWaiting) return;
    const now = this.#o.now();
    const device = this.#enrol(deviceId, publicKey, 'waiting', now, now);
    if (!device) return;
    this.#answer(device, this.#closed ? 'closed' : 'waiting');
    this.#changed();
  }

  /** Lets devices in from the line, at the admission rate and up to the cap. */
  #drain(): void {
    let admitted = false;
    while (
      this.#queue.size > 0 &&
      !this.#admitByHand &&
      !this.#closed &&
      this.#admittedCount() < this.#maxDevices &&
      this.#rate.take()
    ) {
      const next = this.#queue.take()!;
      if (this.#devices.has(next.deviceId)) continue;
      const device = this.#enrol(
        next.deviceId,
        next.publicKey,
        'admitted',
        next.firstSeen,
        next.lastSeen,
      );
      if (!device) continue;
      this.#answer(device, 'admitted');
      admitted = true;
    }
    const waiting = this.#queue.size > 0;
    if (waiting && !this.#drainTimer)
      this.#drainTimer = setInterval(() => this.#drain(), DRAIN_EVERY_MS);
    else if (!waiting && this.#drainTimer) {
      clearInterval(this.#drainTimer);
      this.#drainTimer = undefined;
    }
    if (admitted || waiting) this.#changed();
  }

  #admittedCount(): number {
    let n = 0;
    for (const device of this.#devices.values()) if (device.status === 'admitted') n++;
    return n;
  }

  #enrol(
    deviceId: string,
    publicKey: string,
    status: DeviceStatus,
    firstSeen: number,
    lastSeen: number,
  ): Known | undefined {
    const key = fromBase64Url(publicKey);
    const shared = key && pairSecret(this.#o.keys.secretKey, key);
    if (!shared) return undefined; // not a usable key (a hostile low-order point)
    const device: Known = {
      deviceId,
      publicKey,
      shared,
      status,
      firstSeen,
      lastSeen,
      conflicts: 0,
      answers: this.#answerRate(),
      ...this.#roomOf(shared, deviceId),
    };
    this.#devices.set(deviceId, device);
    return device;
  }

  #restore(device: Omit<LobbyDevice, 'room' | 'relayKey' | 'conflicts'>): void {
    const key = fromBase64Url(device.publicKey);
    const shared = key && pairSecret(this.#o.keys.secretKey, key);
    if (!shared) return;
    this.#devices.set(device.deviceId, {
      ...device,
      shared,
      conflicts: 0,
      answers: this.#answerRate(),
      ...this.#roomOf(shared, device.deviceId),
    });
  }

  #answerRate(): TokenBucket {
    return new TokenBucket(ANSWER_RATE.perSecond, ANSWER_RATE.burst, this.#o.now);
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
    this.#changed();
  }

  #changed(): void {
    this.#o.onChange?.(this.devices);
  }

  /** Announces now, or (past the rate) once more a moment later. */
  #announceSoon(): void {
    if (this.#announceRate.take()) this.#announce();
    else this.#announceTimer ??= setTimeout(() => this.#announce(), ANNOUNCE_AGAIN_MS);
  }

  #announce(): void {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = undefined;
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

/** A maximum of devices as a session may have it: a whole number from 1 to MAX_ROOMS. */
export function clampDevices(max: number): number {
  return Math.max(1, Math.min(MAX_ROOMS, Math.round(max)));
}
