/**
 * Sealed frames between a device and the facilitator on the relay: XChaCha20-Poly1305 (pure JS,
 * `@noble/ciphers`: plain-http tablets have no crypto.subtle) with the key both derive from
 * their X25519 agreement (relayKeyFromSecret in admission.ts). The kit server that forwards the
 * frames, and a third device on the topic, see sizes and this header, never an answer; a frame
 * they change, cut, make up, replay or send back to its sender is refused.
 *
 * Header, in clear and authenticated (the AEAD's associated data):
 *
 *   version (1) | sender role (1) | sender epoch (8) | receiver epoch (8) | counter (4, BE)
 *
 * Each side picks a random epoch when it starts and numbers its frames from 1. The nonce is the
 * role, the sender epoch and the counter, so it never repeats under one key. Replays are refused
 * by a handshake rather than by clocks: a frame counts only when it is addressed to the
 * receiver's *current* epoch (which a replay from before the receiver started cannot be) and
 * its counter is higher than the last one seen from that sender epoch. A hello that does not
 * know the receiver's epoch yet is let through as `unaddressed`, to be answered, and nothing
 * else: answering tells the sender the epoch, so its next frame counts.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

export type RelayRole = 'device' | 'facilitator';

/** What a sealed frame carries (the first plaintext byte). */
export const SEAL_KIND = {
  /** "Are you there?": asks for an `alive`. */
  hello: 1,
  /** "I am here." */
  alive: 2,
  /** A y-protocol sync message, or a frame of one (message-chunks.ts). */
  sync: 3,
  /** "I stop using the relay" (WebRTC took over). */
  bye: 4,
  /** A sync step 1 that starts sending on the relay: answer it, and send your own step 1. */
  start: 5,
} as const;
export type SealKind = (typeof SEAL_KIND)[keyof typeof SEAL_KIND];

const VERSION = 1;
const EPOCH_BYTES = 8;
const HEADER_BYTES = 2 + 2 * EPOCH_BYTES + 4;
const TAG_BYTES = 16;
/** The bytes a sealed frame adds to its payload. */
export const SEAL_OVERHEAD = HEADER_BYTES + TAG_BYTES + 1;
const MAX_COUNTER = 0xffffffff;
/** Earlier epochs of the peer remembered, so that their frames stay refused. */
const MAX_RETIRED = 64;

export type Opened =
  | {
      ok: true;
      kind: SealKind;
      payload: Uint8Array;
      /** Addressed to this side's epoch; false only for a hello from someone who does not know it. */
      addressed: boolean;
      /** The first counted frame of a new peer epoch: the peer (re)started. */
      fresh: boolean;
      /** The sender's epoch (what an answer to an unaddressed hello is addressed to). */
      from: Uint8Array;
    }
  | { ok: false; reason: 'malformed' | 'forged' | 'stale' | 'replayed' };

const ROLE_BYTE: Record<RelayRole, number> = { device: 0, facilitator: 1 };

export class RelaySeal {
  #epoch: Uint8Array;
  #counter = 0;
  #peer: { epoch: Uint8Array; counter: number } | undefined;
  readonly #retired: string[] = [];

  constructor(
    private readonly key: Uint8Array,
    private readonly role: RelayRole,
    private readonly random: (bytes: number) => Uint8Array = (n) =>
      crypto.getRandomValues(new Uint8Array(n)),
  ) {
    if (key.length !== 32) throw new RangeError('a relay key has 32 bytes');
    this.#epoch = this.random(EPOCH_BYTES);
  }

  /** Whether a frame from the peer has counted (its epoch is known). */
  get knowsPeer(): boolean {
    return this.#peer !== undefined;
  }

  /** Seals `payload` for the peer's known epoch, or for `to` (answering an unaddressed hello). */
  seal(kind: SealKind, payload: Uint8Array = new Uint8Array(0), to?: Uint8Array): Uint8Array {
    if (this.#counter >= MAX_COUNTER) {
      this.#epoch = this.random(EPOCH_BYTES); // the peer sees a restart and syncs again
      this.#counter = 0;
    }
    const counter = ++this.#counter;
    const header = new Uint8Array(HEADER_BYTES);
    header[0] = VERSION;
    header[1] = ROLE_BYTE[this.role];
    header.set(this.#epoch, 2);
    header.set(to ?? this.#peer?.epoch ?? new Uint8Array(EPOCH_BYTES), 2 + EPOCH_BYTES);
    new DataView(header.buffer).setUint32(2 + 2 * EPOCH_BYTES, counter);
    const plain = new Uint8Array(1 + payload.length);
    plain[0] = kind;
    plain.set(payload, 1);
    const sealed = xchacha20poly1305(this.key, nonceOf(header), header).encrypt(plain);
    const frame = new Uint8Array(HEADER_BYTES + sealed.length);
    frame.set(header);
    frame.set(sealed, HEADER_BYTES);
    return frame;
  }

  /** Opens a frame from the peer, or says why it is refused. */
  open(frame: Uint8Array): Opened {
    if (frame.length < SEAL_OVERHEAD || frame[0] !== VERSION) return refused('malformed');
    // A frame with this side's own role is its own, sent back: refused before any work.
    const peerRole = this.role === 'device' ? 'facilitator' : 'device';
    if (frame[1] !== ROLE_BYTE[peerRole]) return refused('malformed');
    const header = frame.subarray(0, HEADER_BYTES);
    let plain: Uint8Array;
    try {
      plain = xchacha20poly1305(this.key, nonceOf(header), header).decrypt(
        frame.subarray(HEADER_BYTES),
      );
    } catch {
      return refused('forged');
    }
    const kind = plain[0] as SealKind;
    if (!Object.values(SEAL_KIND).includes(kind)) return refused('malformed');
    const from = header.slice(2, 2 + EPOCH_BYTES);
    const to = header.subarray(2 + EPOCH_BYTES, 2 + 2 * EPOCH_BYTES);
    const counter = new DataView(header.buffer, header.byteOffset).getUint32(2 + 2 * EPOCH_BYTES);
    const payload = plain.subarray(1);
    if (!equal(to, this.#epoch)) {
      if (kind !== SEAL_KIND.hello) return refused('stale');
      return { ok: true, kind, payload, addressed: false, fresh: false, from };
    }
    if (this.#retired.includes(hex(from))) return refused('replayed');
    const peer = this.#peer;
    if (peer && equal(peer.epoch, from)) {
      if (counter <= peer.counter) return refused('replayed');
      peer.counter = counter;
      return { ok: true, kind, payload, addressed: true, fresh: false, from };
    }
    if (peer) {
      this.#retired.push(hex(peer.epoch));
      if (this.#retired.length > MAX_RETIRED) this.#retired.shift();
    }
    this.#peer = { epoch: from, counter };
    return { ok: true, kind, payload, addressed: true, fresh: true, from };
  }
}

function refused(reason: Extract<Opened, { ok: false }>['reason']): Opened {
  return { ok: false, reason };
}

/** Role, sender epoch and counter: unique per frame under one key. */
function nonceOf(header: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(24);
  nonce[0] = header[1]!;
  nonce.set(header.subarray(2, 2 + EPOCH_BYTES), 1);
  nonce.set(header.subarray(2 + 2 * EPOCH_BYTES, HEADER_BYTES), 1 + EPOCH_BYTES);
  return nonce;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
