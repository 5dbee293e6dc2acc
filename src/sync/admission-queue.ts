/**
 * Devices in line to be let into a session (issue 19): a hello flood (400 made-up hellos in 7 s)
 * made the laptop open a room for each, past what its sockets allow, and no real tablet got in.
 * Now automatic admission lets devices in at a rate, up to a cap per session, and the rest wait
 * here. A real tablet says hello again every few seconds while it waits; a made-up hello is
 * said once. So a device heard again a while after its first hello ("persistent") goes first,
 * then by arrival: a real tablet is let in within seconds, however many made-up hellos came.
 * The line is capped; when it is full a one-time hello waits outside (it is remembered, so its
 * next hello counts as persistent), and a persistent one takes the place of a one-time one.
 */

export interface QueuedDevice {
  deviceId: string;
  publicKey: string;
  firstSeen: number;
  lastSeen: number;
}

/** Heard again this long after its first hello: a device that is really there. */
export const PERSISTENT_AFTER_MS = 1500;
/** Hellos remembered (by device id) to tell persistent devices, beyond those in line. */
const REMEMBERED = 2000;

export class AdmissionQueue {
  readonly #queued = new Map<string, QueuedDevice>();
  /** When each recently heard device first said hello, least recently heard first. */
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(max: number, now: () => number = Date.now) {
    this.#max = max;
    this.#now = now;
  }

  get size(): number {
    return this.#queued.size;
  }

  has(deviceId: string): boolean {
    return this.#queued.has(deviceId);
  }

  /** A hello from a device that is not let in yet; false when it has to wait outside the line. */
  offer(deviceId: string, publicKey: string): boolean {
    const now = this.#now();
    const firstSeen = this.#remember(deviceId, now);
    const queued = this.#queued.get(deviceId);
    if (queued) {
      if (queued.publicKey === publicKey) queued.lastSeen = now;
      return true;
    }
    const device = { deviceId, publicKey, firstSeen, lastSeen: now };
    if (this.#queued.size >= this.#max && !(this.#persistent(device) && this.#dropOneTime()))
      return false;
    this.#queued.set(deviceId, device);
    return true;
  }

  /** The next device to let in (persistent ones first, then by arrival), taken out of line. */
  take(): QueuedDevice | undefined {
    let best: QueuedDevice | undefined;
    for (const device of this.#queued.values())
      if (!best || this.#before(device, best)) best = device;
    if (best) this.delete(best.deviceId);
    return best;
  }

  delete(deviceId: string): void {
    this.#queued.delete(deviceId);
    this.#seen.delete(deviceId);
  }

  #remember(deviceId: string, now: number): number {
    const firstSeen = this.#seen.get(deviceId) ?? now;
    this.#seen.delete(deviceId); // to the end: most recently heard
    this.#seen.set(deviceId, firstSeen);
    for (const [oldest] of this.#seen) {
      if (this.#seen.size <= REMEMBERED) break;
      if (!this.#queued.has(oldest)) this.#seen.delete(oldest); // the line keeps its own
    }
    return firstSeen;
  }

  #persistent(device: QueuedDevice): boolean {
    return device.lastSeen - device.firstSeen >= PERSISTENT_AFTER_MS;
  }

  #before(a: QueuedDevice, b: QueuedDevice): boolean {
    const pa = this.#persistent(a);
    if (pa !== this.#persistent(b)) return pa;
    return a.firstSeen < b.firstSeen;
  }

  /** Makes room for a persistent device: the oldest one-time hello leaves the line. */
  #dropOneTime(): boolean {
    for (const device of this.#queued.values())
      if (!this.#persistent(device)) {
        this.#queued.delete(device.deviceId);
        return true;
      }
    return false;
  }
}
