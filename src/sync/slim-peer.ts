/**
 * The WebRTC peer y-webrtc makes, without simple-peer. y-webrtc imports simple-peer's prebuilt
 * browser bundle, which brings its own Buffer and stream polyfills (about 28 KB gzipped, most of
 * what a tablet downloaded for the session route). y-webrtc uses a small part of its API:
 * `new Peer({ initiator, config })`, `signal()`, `send()`, `destroy()` and the events `signal`,
 * `connect`, `data`, `close`, `error`. This class is that part over `RTCPeerConnection`, and the
 * build aliases simple-peer's module to it (scripts/bundle-aliases.ts).
 *
 * It speaks simple-peer's signals (`{type:'offer'|'answer', sdp}` and `{type:'candidate',
 * candidate}`) and opens one data channel the way simple-peer does, so it connects to a stock
 * simple-peer on the other side (tests/e2e/stock-ywebrtc.spec.ts). Large messages travel in
 * frames (message-chunks.ts), which both ends of a Kring room understand.
 *
 * Glare: when both sides announce at once, y-webrtc makes both of them initiators, and the side
 * with the lower glare token accepts the other's offer on its own initiator peer. Both data
 * channels then open on the one connection. simple-peer listens to its own channel only, so each
 * side sent where the other did not listen: "connected", and nothing passed (issue 19). Here a
 * peer listens on every channel of its connection, and one that answered an offer sends on the
 * offerer's channel, as a simple-peer answerer does; an offer that arrives before this side sent
 * its own makes it an answerer outright.
 */
import { Reassembler, toFrames } from './message-chunks';

/** A message larger than this is refused (the laptop caps a device doc at 8 MiB anyway). */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Chromium can leave a channel in "closing" for good; after this long it counts as closed. */
const CLOSING_TIMEOUT_MS = 5000;

type Signal = {
  type?: string;
  sdp?: string;
  candidate?: RTCIceCandidateInit;
  renegotiate?: boolean;
  transceiverRequest?: unknown;
};

type Listener = (...args: unknown[]) => void;

export interface SlimPeerOptions {
  initiator?: boolean;
  config?: RTCConfiguration;
}

export default class SlimPeer {
  readonly initiator: boolean;
  destroyed = false;
  #connected = false;
  #pc: RTCPeerConnection | undefined;
  /** The channel this side sends on: its own, or the offerer's once it answered an offer. */
  #channel: RTCDataChannel | undefined;
  /** Every channel of the connection, each listened to with its own reassembler. */
  readonly #channels = new Map<RTCDataChannel, Reassembler>();
  /** This side answered an offer (also as an initiator, after glare). */
  #answering = false;
  #pendingCandidates: RTCIceCandidateInit[] = [];
  #closingTimer: ReturnType<typeof setInterval> | undefined;
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor({ initiator = false, config = {} }: SlimPeerOptions = {}) {
    this.initiator = initiator;
    let pc: RTCPeerConnection;
    try {
      pc = new RTCPeerConnection(config);
    } catch (error) {
      this.destroy(error as Error); // no usable WebRTC: y-webrtc hears 'close' and moves on
      return;
    }
    this.#pc = pc;
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate || this.destroyed) return;
      const { sdpMLineIndex, sdpMid } = candidate;
      this.#emit('signal', {
        type: 'candidate',
        candidate: { candidate: candidate.candidate, sdpMLineIndex, sdpMid },
      });
    };
    pc.oniceconnectionstatechange = () => {
      const state = pc.iceConnectionState;
      if (state === 'failed') this.destroy(new Error('ICE connection failed'));
      else if (state === 'closed') this.destroy();
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') this.destroy(new Error('connection failed'));
    };
    pc.ondatachannel = ({ channel }) => this.#onRemoteChannel(channel);
    if (initiator) {
      const own = pc.createDataChannel(randomLabel());
      this.#listen(own);
      this.#useForSending(own);
      // As simple-peer does: an offer made in the constructor's own task can crash Chrome.
      setTimeout(() => void this.#offer(), 0);
    }
  }

  /** Whether the data channel this side sends on is open. */
  get connected(): boolean {
    return this.#connected && this.#channel?.readyState === 'open';
  }

  on(event: string, listener: Listener): this {
    let listeners = this.#listeners.get(event);
    if (!listeners) this.#listeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  /** Takes a signal from the other peer (an offer, an answer or an ICE candidate). */
  signal(data: Signal | string): void {
    if (this.destroyed) return;
    const signal = typeof data === 'string' ? parseSignal(data) : data;
    const pc = this.#pc;
    if (!pc) return;
    if (signal.candidate) {
      if (pc.remoteDescription?.type) this.#addCandidate(signal.candidate);
      else this.#pendingCandidates.push(signal.candidate);
    }
    if (signal.sdp && (signal.type === 'offer' || signal.type === 'answer')) {
      // An offer to an initiator is glare that y-webrtc resolved in the other's favour: answer
      // it (the browser rolls back this side's own offer) and send on the offerer's channel.
      if (signal.type === 'offer' && !this.#answering) {
        this.#answering = true;
        // An initiator's own channel is then only listened to: it waits for the offerer's.
        if (this.initiator) {
          this.#channel = undefined;
          clearInterval(this.#closingTimer);
        }
      }
      pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp }).then(
        () => {
          if (this.destroyed) return;
          for (const candidate of this.#pendingCandidates) this.#addCandidate(candidate);
          this.#pendingCandidates = [];
          if (signal.type === 'offer') void this.#describe('answer');
        },
        (error: Error) => this.destroy(error),
      );
    }
    // A data channel needs no renegotiation: those requests are answered by doing nothing.
    if (!signal.sdp && !signal.candidate && !signal.renegotiate && !signal.transceiverRequest)
      this.destroy(new Error('not a WebRTC signal'));
  }

  /** Sends a message; one larger than a data channel takes goes in frames. */
  send(message: Uint8Array): void {
    const channel = this.#channel;
    if (!channel || channel.readyState !== 'open' || !this.#connected)
      throw new Error('the data channel is not open');
    for (const frame of toFrames(message)) channel.send(frame as Uint8Array<ArrayBuffer>);
  }

  destroy(error?: Error): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.#connected = false;
    clearInterval(this.#closingTimer);
    for (const channel of this.#channels.keys()) {
      channel.onmessage = channel.onopen = channel.onclose = channel.onerror = null;
      try {
        channel.close();
      } catch {
        // already closed
      }
    }
    this.#channels.clear();
    const pc = this.#pc;
    if (pc) {
      pc.onicecandidate = pc.oniceconnectionstatechange = pc.onconnectionstatechange = null;
      pc.ondatachannel = null;
      try {
        pc.close();
      } catch {
        // already closed
      }
    }
    this.#channel = this.#pc = undefined;
    // Later, as simple-peer does: y-webrtc's close handler calls destroy() again.
    queueMicrotask(() => {
      if (error) this.#emit('error', error);
      this.#emit('close');
    });
  }

  /** The initiator's offer, unless an offer from the other side came first (then it answers). */
  async #offer(): Promise<void> {
    if (!this.#answering) await this.#describe('offer');
  }

  async #describe(type: 'offer' | 'answer'): Promise<void> {
    const pc = this.#pc;
    if (!pc || this.destroyed) return;
    try {
      const description = type === 'offer' ? await pc.createOffer() : await pc.createAnswer();
      if (this.destroyed) return;
      // An offer overtaken by the other side's offer (answered meanwhile) is dropped.
      if (type === 'offer' && (this.#answering || pc.signalingState !== 'stable')) return;
      await pc.setLocalDescription(description);
      if (this.destroyed || (type === 'offer' && this.#answering)) return;
      const local = pc.localDescription ?? description;
      this.#emit('signal', { type: local.type, sdp: local.sdp });
    } catch (error) {
      this.destroy(error as Error);
    }
  }

  #addCandidate(candidate: RTCIceCandidateInit): void {
    // A candidate this browser cannot use (an mDNS name it cannot resolve) is not fatal.
    this.#pc?.addIceCandidate(candidate).catch(() => undefined);
  }

  /** A channel the other side opened: listened to, and sent on by the side that answered. */
  #onRemoteChannel(channel: RTCDataChannel): void {
    if (this.destroyed) return;
    this.#listen(channel);
    if (!this.initiator || this.#answering) this.#useForSending(channel);
  }

  /** Hears every message of a channel; whole messages go to y-webrtc whichever channel it is. */
  #listen(channel: RTCDataChannel): void {
    channel.binaryType = 'arraybuffer';
    this.#channels.set(channel, new Reassembler(MAX_MESSAGE_BYTES));
    channel.onmessage = ({ data }: MessageEvent<unknown>) => this.#receive(channel, data);
    channel.onopen = () => {
      if (channel === this.#channel) this.#onSendChannelOpen();
    };
    // A channel that is not the one sent on may close on its own (the other side's leftover).
    channel.onclose = () => {
      if (channel === this.#channel) this.destroy();
      else this.#channels.delete(channel);
    };
    // Older Safari gives a plain Event without `error`.
    channel.onerror = (event: Event) => {
      if (channel === this.#channel)
        this.destroy((event as Partial<RTCErrorEvent>).error ?? new Error('data channel error'));
    };
  }

  #useForSending(channel: RTCDataChannel): void {
    this.#channel = channel;
    clearInterval(this.#closingTimer);
    let closing = false;
    this.#closingTimer = setInterval(() => {
      const isClosing = channel.readyState === 'closing';
      if (isClosing && closing) this.destroy();
      closing = isClosing;
    }, CLOSING_TIMEOUT_MS);
    if (channel.readyState === 'open') this.#onSendChannelOpen();
  }

  #onSendChannelOpen(): void {
    if (this.#connected || this.destroyed) return;
    this.#connected = true;
    this.#emit('connect');
  }

  #receive(channel: RTCDataChannel, data: unknown): void {
    if (this.destroyed) return;
    if (!(data instanceof ArrayBuffer)) return this.#emit('data', data);
    const assembler = this.#channels.get(channel);
    if (!assembler) return;
    let whole: Uint8Array | undefined;
    try {
      whole = assembler.accept(new Uint8Array(data));
    } catch (error) {
      this.destroy(error as Error); // y-webrtc connects again; the sender starts over
      return;
    }
    if (whole) this.#emit('data', whole);
  }

  #emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }
}

function parseSignal(text: string): Signal {
  try {
    return JSON.parse(text) as Signal;
  } catch {
    return {};
  }
}

/** A data channel label like simple-peer's: 20 random bytes in hex. */
function randomLabel(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
