import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, FRAME_MARK, Reassembler, toFrames } from '../../src/sync/message-chunks';

describe('large WebRTC messages in frames', () => {
  it('a small message goes as it is; a large one as frames no larger than the limit', () => {
    const small = new Uint8Array([0, 1, 2]);
    expect(toFrames(small)).toEqual([small]);
    const large = new Uint8Array(300 * 1024).map((_, i) => i % 251);
    const frames = toFrames(large);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.every((f) => f.length <= CHUNK_BYTES && f[0] === FRAME_MARK)).toBe(true);
  });

  it('frames put together give back every message, in order, whatever their sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 8 }),
        fc.integer({ min: 3, max: 64 }),
        (messages, chunk) => {
          const receiver = new Reassembler(1 << 20);
          const received: Uint8Array[] = [];
          for (const message of messages)
            for (const frame of toFrames(message, chunk)) {
              const whole = receiver.accept(frame);
              if (whole) received.push(whole);
            }
          expect(received.map((m) => [...m])).toEqual(messages.map((m) => [...m]));
        },
      ),
    );
  });

  it('a peer that keeps sending one endless message is stopped at the limit', () => {
    const receiver = new Reassembler(1000);
    const frame = toFrames(new Uint8Array(5000), 100)[0]!;
    expect(() => {
      for (let i = 0; i < 20; i++) receiver.accept(frame);
    }).toThrow(RangeError);
  });
});
