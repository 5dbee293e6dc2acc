import { describe, expect, it } from 'vitest';
import { RelaySeal, SEAL_KIND, type Opened } from '../../src/sync/relay-seal';

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (opened: Opened) => (opened.ok ? new TextDecoder().decode(opened.payload) : opened);

/** A device and the facilitator that completed the handshake (each knows the other's epoch). */
function pair(): { device: RelaySeal; laptop: RelaySeal } {
  const device = new RelaySeal(key, 'device');
  const laptop = new RelaySeal(key, 'facilitator');
  const hello = laptop.open(device.seal(SEAL_KIND.hello));
  if (!hello.ok) throw new Error('hello refused');
  expect(device.open(laptop.seal(SEAL_KIND.alive, undefined, hello.from))).toMatchObject({
    ok: true,
    fresh: true,
  });
  expect(laptop.open(device.seal(SEAL_KIND.sync, bytes('step 1')))).toMatchObject({
    ok: true,
    fresh: true,
  });
  return { device, laptop };
}

describe('sealed relay frames', () => {
  it('carry a message between the two ends, and nothing of it in clear', () => {
    const { device, laptop } = pair();
    const answer = 'Mijn leerkracht luistert niet naar mij';
    const frame = device.seal(SEAL_KIND.sync, bytes(answer));
    expect(new TextDecoder('latin1').decode(frame)).not.toContain('leerkracht');
    expect(text(laptop.open(frame))).toBe(answer);
    expect(text(device.open(laptop.seal(SEAL_KIND.sync, bytes('ontvangen'))))).toBe('ontvangen');
  });

  it('refuses a frame with one bit changed, anywhere', () => {
    const { device, laptop } = pair();
    const frame = device.seal(SEAL_KIND.sync, bytes('antwoord'));
    for (let at = 0; at < frame.length; at++) {
      const tampered = frame.slice();
      tampered[at]! ^= 0x01;
      const opened = laptop.open(tampered);
      expect(opened.ok, `byte ${at}`).toBe(false);
    }
    expect(text(laptop.open(frame))).toBe('antwoord'); // the original still counts
  });

  it('refuses a truncated frame, an empty one and one sealed with another key', () => {
    const { device, laptop } = pair();
    const frame = device.seal(SEAL_KIND.sync, bytes('antwoord'));
    expect(laptop.open(frame.subarray(0, frame.length - 1))).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(laptop.open(frame.subarray(0, 10))).toEqual({ ok: false, reason: 'malformed' });
    expect(laptop.open(new Uint8Array(0))).toEqual({ ok: false, reason: 'malformed' });
    const stranger = new RelaySeal(otherKey, 'device');
    expect(laptop.open(stranger.seal(SEAL_KIND.sync, bytes('x')))).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('refuses a frame replayed to the same receiver, and a frame sent back to its sender', () => {
    const { device, laptop } = pair();
    const first = device.seal(SEAL_KIND.sync, bytes('1'));
    const second = device.seal(SEAL_KIND.sync, bytes('2'));
    expect(text(laptop.open(second))).toBe('2');
    expect(laptop.open(second)).toEqual({ ok: false, reason: 'replayed' });
    expect(laptop.open(first)).toEqual({ ok: false, reason: 'replayed' }); // older than the last
    expect(device.open(first)).toEqual({ ok: false, reason: 'malformed' }); // its own role
  });

  it('refuses, after a restart of the receiver, every frame recorded before it', () => {
    const { device } = pair();
    const recorded = [
      device.seal(SEAL_KIND.sync, bytes('old update')),
      device.seal(SEAL_KIND.bye),
      device.seal(SEAL_KIND.alive),
    ];
    const restarted = new RelaySeal(key, 'facilitator'); // the laptop's page reloaded
    for (const frame of recorded)
      expect(restarted.open(frame)).toEqual({ ok: false, reason: 'stale' });
  });

  it('lets an unaddressed hello through only to be answered; its answer makes the next frame count', () => {
    const device = new RelaySeal(key, 'device');
    const laptop = new RelaySeal(key, 'facilitator');
    const hello = laptop.open(device.seal(SEAL_KIND.hello));
    expect(hello).toMatchObject({ ok: true, kind: SEAL_KIND.hello, addressed: false });
    expect(laptop.knowsPeer).toBe(false); // a replayed hello must not change whom it trusts
    // Nothing but a hello passes unaddressed.
    expect(laptop.open(device.seal(SEAL_KIND.sync, bytes('x')))).toEqual({
      ok: false,
      reason: 'stale',
    });
    if (!hello.ok) return;
    const alive = device.open(laptop.seal(SEAL_KIND.alive, undefined, hello.from));
    expect(alive).toMatchObject({ ok: true, addressed: true, fresh: true });
    expect(laptop.open(device.seal(SEAL_KIND.sync, bytes('y')))).toMatchObject({
      ok: true,
      fresh: true,
    });
  });

  it('takes a restarted peer (new epoch) as fresh, and refuses its earlier epoch from then on', () => {
    const { device, laptop } = pair();
    const before = device.seal(SEAL_KIND.sync, bytes('before'));
    const reloaded = new RelaySeal(key, 'device'); // the tablet's page reloaded
    const hello = laptop.open(reloaded.seal(SEAL_KIND.hello));
    if (!hello.ok) throw new Error('hello refused');
    reloaded.open(laptop.seal(SEAL_KIND.alive, undefined, hello.from));
    expect(laptop.open(reloaded.seal(SEAL_KIND.sync, bytes('after')))).toMatchObject({
      ok: true,
      fresh: true,
    });
    expect(laptop.open(before)).toEqual({ ok: false, reason: 'replayed' });
  });
});
