/**
 * Teaches the WebRTC peers y-webrtc makes (simple-peer, the same module y-webrtc imports) to send
 * large messages in frames and put them together on arrival (message-chunks.ts). Installed once
 * per page, before the first room opens; both ends of a Kring room run it.
 */
import Peer from 'simple-peer/simplepeer.min.js';
import { Reassembler, toFrames } from './message-chunks';

/** A message larger than this is refused (the laptop caps a device doc at 8 MiB anyway). */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

interface PeerInternals {
  send: (this: PeerInternals, chunk: unknown) => void;
  _onChannelMessage: (this: PeerInternals, event: { data: unknown }) => void;
  destroy: (this: PeerInternals, error?: Error) => void;
}

let installed = false;

export function installChunkedPeers(): void {
  if (installed) return;
  installed = true;
  const proto = (Peer as unknown as { prototype: PeerInternals }).prototype;
  const send = proto.send;
  const receive = proto._onChannelMessage;
  const assemblers = new WeakMap<PeerInternals, Reassembler>();

  proto.send = function (this: PeerInternals, chunk: unknown) {
    if (!(chunk instanceof Uint8Array)) return send.call(this, chunk);
    for (const frame of toFrames(chunk)) send.call(this, frame);
  };

  proto._onChannelMessage = function (this: PeerInternals, event: { data: unknown }) {
    const { data } = event;
    if (!(data instanceof ArrayBuffer)) return receive.call(this, event);
    let assembler = assemblers.get(this);
    if (!assembler) assemblers.set(this, (assembler = new Reassembler(MAX_MESSAGE_BYTES)));
    let whole: Uint8Array | undefined;
    try {
      whole = assembler.accept(new Uint8Array(data));
    } catch (error) {
      this.destroy(error as Error); // y-webrtc connects again; the sender starts over
      return;
    }
    if (!whole) return;
    const buffer =
      whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength
        ? whole.buffer
        : whole.slice().buffer;
    receive.call(this, { data: buffer });
  };
}
