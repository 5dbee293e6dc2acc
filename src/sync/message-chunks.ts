/**
 * Large WebRTC messages in pieces. A data channel carries at most 256 KiB per message in
 * Chromium (less in other browsers), and y-webrtc sends a whole catch-up — everything a tablet
 * answered while the laptop was away — as one message; above the limit the send fails and the
 * backlog never arrives. Here a message longer than CHUNK_BYTES goes as frames of at most that
 * size, put together again on the other side (the channel is ordered and reliable).
 *
 * A frame starts with FRAME_MARK, a byte no y-webrtc message starts with (they start with a
 * one-byte message type, 0–4), then 1 for the last frame of a message or 0 before it.
 */
/**
 * 64 KiB: within every browser's limit, and above the messages a session sends in normal use
 * (a questionnaire of 20 KB, an answer), so those go as before — a tablet still running an
 * older Kring in an open tab keeps understanding them; only a catch-up that could not travel
 * before goes in frames.
 */
export const CHUNK_BYTES = 64 * 1024;
export const FRAME_MARK = 0xff;
const HEADER = 2;

/** The message as it goes over the channel: itself when small, else its frames. */
export function toFrames(message: Uint8Array, chunkBytes = CHUNK_BYTES): Uint8Array[] {
  if (message.length <= chunkBytes && message[0] !== FRAME_MARK) return [message];
  const payload = chunkBytes - HEADER;
  const frames: Uint8Array[] = [];
  for (let at = 0; at < message.length; at += payload) {
    const piece = message.subarray(at, at + payload);
    const frame = new Uint8Array(HEADER + piece.length);
    frame[0] = FRAME_MARK;
    frame[1] = at + payload >= message.length ? 1 : 0;
    frame.set(piece, HEADER);
    frames.push(frame);
  }
  return frames;
}

/** Puts one peer's frames together; hands on whole messages as they complete. */
export class Reassembler {
  #pieces: Uint8Array[] = [];
  #bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /**
   * The whole message this data completes, the data itself when it is not a frame, or
   * undefined while a message is still coming. Throws when a message grows past `maxBytes`
   * (a peer that never ends its message must not fill the memory).
   */
  accept(data: Uint8Array): Uint8Array | undefined {
    if (data[0] !== FRAME_MARK) return data;
    const piece = data.subarray(HEADER);
    this.#bytes += piece.length;
    if (this.#bytes > this.maxBytes) {
      this.#pieces = [];
      this.#bytes = 0;
      throw new RangeError(`a message over ${this.maxBytes} bytes`);
    }
    this.#pieces.push(piece);
    if (data[1] !== 1) return undefined;
    const whole = new Uint8Array(this.#bytes);
    let at = 0;
    for (const p of this.#pieces) {
      whole.set(p, at);
      at += p.length;
    }
    this.#pieces = [];
    this.#bytes = 0;
    return whole;
  }
}
