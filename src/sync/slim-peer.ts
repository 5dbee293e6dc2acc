/**
 * The WebRTC peer y-webrtc makes, without simple-peer. y-webrtc imports simple-peer's prebuilt
 * browser bundle, which brings its own Buffer and stream polyfills (about 28 KB gzipped, most of
 * what a tablet downloaded for the session route). y-webrtc uses a small part of its API:
 * `new Peer({ initiator, config })`, `signal()`, `send()`, `destroy()` and the events `signal`,
 * `connect`, `data`, `close`, `error`. This class is that part over `RTCPeerConnection`, and the
 * build aliases simple-peer's module to it (scripts/slim-peer-alias.ts).
 *
 * It speaks simple-peer's signals (`{type:'offer'|'answer', sdp}` and `{type:'candidate',
 * candidate}`) and opens one data channel the way simple-peer does, so it connects to a stock
 * simple-peer on the other side (tests/e2e/stock-ywebrtc.spec.ts). Large messages travel in
 * frames (message-chunks.ts), which both ends of a Kring room understand.
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
  #channel: RTCDataChannel | undefined;
  #pendingCandidates: RTCIceCandidateInit[] = [];
  #closingTimer: ReturnType<typeof setInterval> | undefined;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #assembler = new Reassembler(MAX_MESSAGE_BYTES);

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
    if (initiator) {
      this.#setupChannel(pc.createDataChannel(randomLabel()));
      // As simple-peer does: an offer made in the constructor's own task can crash Chrome.
      setTimeout(() => void this.#describe('offer'), 0);
    } else {
      pc.ondatachannel = ({ channel }) => this.#setupChannel(channel);
    }
  }

  /** Whether the data channel is open. */
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
    if (!channel || channel.readyState !== 'open') throw new Error('the data channel is not open');
    for (const frame of toFrames(message)) channel.send(frame as Uint8Array<ArrayBuffer>);
  }

  destroy(error?: Error): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.#connected = false;
    clearInterval(this.#closingTimer);
    const channel = this.#channel;
    if (channel) {
      channel.onmessage = channel.onopen = channel.onclose = channel.onerror = null;
      try {
        channel.close();
      } catch {
        // already closed
      }
    }
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

  async #describe(type: 'offer' | 'answer'): Promise<void> {
    const pc = this.#pc;
    if (!pc || this.destroyed) return;
    try {
      const description = type === 'offer' ? await pc.createOffer() : await pc.createAnswer();
      if (this.destroyed) return;
      await pc.setLocalDescription(description);
      if (this.destroyed) return;
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

  #setupChannel(channel: RTCDataChannel): void {
    this.#channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.onopen = () => {
      if (this.#connected || this.destroyed) return;
      this.#connected = true;
      this.#emit('connect');
    };
    channel.onclose = () => this.destroy();
    // Older Safari gives a plain Event without `error`.
    channel.onerror = (event: Event) =>
      this.destroy((event as Partial<RTCErrorEvent>).error ?? new Error('data channel error'));
    channel.onmessage = ({ data }: MessageEvent<unknown>) => this.#receive(data);
    let closing = false;
    this.#closingTimer = setInterval(() => {
      const isClosing = channel.readyState === 'closing';
      if (isClosing && closing) this.destroy();
      closing = isClosing;
    }, CLOSING_TIMEOUT_MS);
  }

  #receive(data: unknown): void {
    if (this.destroyed) return;
    if (!(data instanceof ArrayBuffer)) return this.#emit('data', data);
    let whole: Uint8Array | undefined;
    try {
      whole = this.#assembler.accept(new Uint8Array(data));
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
