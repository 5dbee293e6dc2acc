/**
 * One private room's sync over the kit server's relay, for when WebRTC cannot connect the device
 * and the laptop. It carries the messages y-webrtc would (y-protocol sync steps and updates, in
 * frames when large: message-chunks.ts), each sealed end to end (relay-seal.ts).
 *
 * The device decides when the relay is needed: when it has no WebRTC channel to the laptop (at
 * once if its browser has no WebRTC, else after a grace period). Then it says hello and keeps
 * the link alive while nothing else arrives; when WebRTC connects it says bye. The facilitator
 * only answers. Either side sends its doc changes on the relay while the link is live and WebRTC
 * is not connected. Each time that starts (and after the relay socket came back, or the peer
 * restarted) the two exchange sync steps as y-webrtc does when it connects: a `start` step 1,
 * answered with step 2 and the other's own step 1. So a switch of path in either direction
 * loses nothing, and Yjs merges what arrives twice.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { Reassembler, toFrames } from './message-chunks';
import { RelaySeal, SEAL_KIND, SEAL_OVERHEAD, type RelayRole, type SealKind } from './relay-seal';
import type { RelayChannel, RelayTransport } from './relay-socket';

/** How long without a frame from the peer before the link counts as gone. */
export const LIVE_MS = 12_000;
/** The device says hello when it has heard nothing for this long. */
export const KEEPALIVE_MS = 4_000;
/** Hellos that get no answer are repeated after 1 s, then less and less often, up to this. */
const MAX_RETRY_MS = 8_000;
/** Answers to hellos, at most one per this long (a replayed hello must not make a flood). */
const ANSWER_EVERY_MS = 500;
/** Frames of a large message: each sealed piece, with the relay's header, fits its 72 KiB cap. */
const PIECE_BYTES = 64 * 1024 - SEAL_OVERHEAD;
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** The y-webrtc message type of sync messages (the only kind the relay carries). */
const MESSAGE_SYNC = 0;

export interface RelayLinkOptions {
  transport: RelayTransport;
  topic: string;
  key: Uint8Array;
  role: RelayRole;
  doc: Y.Doc;
  /** Updates from these origins came from the peer by another path (WebRTC): not sent back. */
  isPeerOrigin?: (origin: unknown) => boolean;
  /** The link became live or gone. */
  onLive?: (live: boolean) => void;
  /** A frame was refused (tampered, replayed, another key): for the facilitator's eyes. */
  onRefused?: (reason: string) => void;
  now?: () => number;
}

export class RelayLink {
  readonly #o: RelayLinkOptions & { now: () => number };
  readonly #seal: RelaySeal;
  readonly #channel: RelayChannel;
  readonly #assembler = new Reassembler(MAX_MESSAGE_BYTES);
  readonly #timer: ReturnType<typeof setInterval>;
  #wanted = false;
  #direct = false;
  #heardAt = -Infinity;
  #helloAt = -Infinity;
  #retryMs = 1000;
  #answeredAt = -Infinity;
  /** The link was live when the socket dropped: say hello when it is back. */
  #wasLive = false;
  #live = false;
  #sending = false;
  /** A `start` message is arriving (in pieces, if large): answer it with a step 1 when whole. */
  #startArriving = false;
  /** Frames this link sent, for the benchmark's count of messages per edit. */
  sent = 0;

  constructor(options: RelayLinkOptions) {
    this.#o = { now: Date.now, ...options };
    this.#seal = new RelaySeal(options.key, options.role);
    this.#channel = options.transport.join(options.topic, {
      message: (payload) => this.#receive(payload),
      up: () => {
        if (this.#wanted || this.#wasLive) this.#hello();
      },
      down: () => {
        // Nothing can be heard now: what is sent meanwhile is lost, and `up` starts over.
        this.#wasLive = this.#live;
        this.#heardAt = -Infinity;
        this.#update();
      },
    });
    options.doc.on('update', this.#onUpdate);
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  /** A frame from the peer arrived within LIVE_MS. */
  get live(): boolean {
    return this.#live;
  }

  /**
   * The device's side: whether it needs the relay now (no WebRTC channel to the laptop). Says
   * hello when it starts, bye when it stops.
   */
  setWanted(wanted: boolean): void {
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
    if (wanted) this.#hello();
    else if (this.#live) this.#send(SEAL_KIND.bye);
  }

  /** Whether WebRTC connects this room now: then doc changes go that way, not here. */
  setDirect(direct: boolean): void {
    this.#direct = direct;
    this.#update();
  }

  destroy(): void {
    clearInterval(this.#timer);
    this.#o.doc.off('update', this.#onUpdate);
    if (this.#wanted && this.#live) this.#send(SEAL_KIND.bye);
    this.#channel.leave();
  }

  readonly #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (!this.#sending || origin === this || this.#o.isPeerOrigin?.(origin)) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.#sendMessage(encoding.toUint8Array(encoder));
  };

  #receive(frame: Uint8Array): void {
    const opened = this.#seal.open(frame);
    if (!opened.ok) return this.#o.onRefused?.(opened.reason);
    if (!opened.addressed) return this.#answer(opened.from); // a hello: tell it who is here
    this.#heardAt = this.#o.now();
    switch (opened.kind) {
      case SEAL_KIND.hello:
        this.#answer();
        break;
      case SEAL_KIND.bye:
        this.#heardAt = -Infinity;
        break;
      case SEAL_KIND.start:
        this.#startArriving = true;
        this.#onSyncFrame(opened.payload);
        break;
      case SEAL_KIND.sync:
        this.#onSyncFrame(opened.payload);
        break;
    }
    // A restarted peer may lack anything: sync again, as at the start of a link.
    if (opened.fresh && this.#live && this.#sending) this.#sendStep1(SEAL_KIND.start);
    this.#update();
  }

  #answer(to?: Uint8Array): void {
    const now = this.#o.now();
    if (now - this.#answeredAt < ANSWER_EVERY_MS) return;
    this.#answeredAt = now;
    this.#send(SEAL_KIND.alive, undefined, to);
  }

  #onSyncFrame(piece: Uint8Array): void {
    let message: Uint8Array | undefined;
    try {
      message = this.#assembler.accept(piece);
    } catch {
      return this.#o.onRefused?.('oversized'); // the assembler starts over
    }
    if (!message) return;
    const answerStart = this.#startArriving;
    this.#startArriving = false;
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    try {
      syncProtocol.readSyncMessage(decoder, encoder, this.#o.doc, this);
    } catch {
      return this.#o.onRefused?.('malformed'); // sealed by the peer, but not a sync message
    }
    if (encoding.length(encoder) > 1) this.#sendMessage(encoding.toUint8Array(encoder));
    if (answerStart) this.#sendStep1(SEAL_KIND.sync);
  }

  /** Recomputes live and sending; asks for what it missed when sending starts. */
  #update(): void {
    const live = this.#o.now() - this.#heardAt < LIVE_MS;
    const sending = live && !this.#direct;
    const started = sending && !this.#sending;
    this.#sending = sending;
    if (live !== this.#live) {
      this.#live = live;
      this.#retryMs = 1000;
      if (live) this.#wasLive = false;
      this.#o.onLive?.(live);
    }
    if (started) this.#sendStep1(SEAL_KIND.start);
  }

  /** Every second: the link's liveness, and the device's hellos. */
  #tick(): void {
    this.#update();
    if (!this.#wanted) return;
    const now = this.#o.now();
    if (this.#live) {
      const quiet = now - Math.max(this.#heardAt, this.#helloAt) >= KEEPALIVE_MS;
      if (quiet) this.#hello();
    } else if (now - this.#helloAt >= this.#retryMs) {
      this.#hello();
      this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
    }
  }

  #hello(): void {
    this.#helloAt = this.#o.now();
    this.#send(SEAL_KIND.hello);
  }

  /** Sync step 1: `start` asks the peer for its own step 1 as well. */
  #sendStep1(kind: typeof SEAL_KIND.start | typeof SEAL_KIND.sync): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.#o.doc);
    this.#sendMessage(encoding.toUint8Array(encoder), kind);
  }

  #sendMessage(message: Uint8Array, kind: SealKind = SEAL_KIND.sync): void {
    for (const piece of toFrames(message, PIECE_BYTES)) this.#send(kind, piece);
  }

  #send(kind: SealKind, payload?: Uint8Array, to?: Uint8Array): void {
    if (this.#channel.send(this.#seal.seal(kind, payload, to))) this.sent++;
  }
}
