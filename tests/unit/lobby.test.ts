import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkCode,
  fingerprint,
  lobbyDeviceId,
  lobbyTopic,
  newKeyPair,
  relayTopic,
  toBase64Url,
} from '../../src/sync/admission';
import { LobbyGuest, type GuestState } from '../../src/sync/lobby-guest';
import { LobbyHost, MAX_ROOMS } from '../../src/sync/lobby-host';
import { MemoryPubSub } from '../../src/sync/pubsub';

const joinCode = 'KR7M4QP9';

function setup(admitByHand = false) {
  const pubsub = new MemoryPubSub();
  const facilitatorKeys = newKeyPair();
  const host = () =>
    new LobbyHost({ pubsub, joinCode, sessionId: 'school-a', keys: facilitatorKeys, admitByHand });
  const guest = (
    extra: {
      fingerprint?: string;
      onImpostor?: (key: Uint8Array) => void;
      onTrusted?: (key: Uint8Array) => void;
      onCandidates?: (candidates: readonly Uint8Array[]) => void;
      /** A typed code: no fingerprint (by default the tablet scanned the QR code). */
      typed?: boolean;
    } = {},
  ) => {
    const states: GuestState[] = [];
    const { typed, ...handlers } = extra;
    const g = new LobbyGuest({
      pubsub,
      joinCode,
      keys: newKeyPair(),
      onState: (s) => states.push(s),
      ...(typed ? {} : { fingerprint: fingerprint(facilitatorKeys.publicKey) }),
      ...handlers,
    });
    return { g, states };
  };
  return { pubsub, facilitatorKeys, host, guest };
}

describe('lobby', () => {
  it('admits a device automatically; both ends know the same private room and relay key', () => {
    const { host, guest } = setup();
    const h = host();
    const { g } = guest();
    expect(g.state.state).toBe('admitted');
    const [device] = h.devices;
    expect(device).toMatchObject({ deviceId: g.deviceId, status: 'admitted' });
    expect(g.state).toEqual({ state: 'admitted', room: device!.room, relayKey: device!.relayKey });
    expect(device!.relayKey).toHaveLength(32);
  });

  it('works whichever starts first, the tablet or the laptop', () => {
    const { host, guest } = setup();
    const early = guest();
    expect(early.g.state.state).toBe('searching');
    const h = host();
    const late = guest();
    expect(early.g.state.state).toBe('admitted');
    expect(late.g.state.state).toBe('admitted');
    expect(new Set(h.devices.map((d) => d.room)).size).toBe(2); // one private room per device
  });

  it('lets the facilitator admit by hand, remove a device, and close the session', () => {
    const { host, guest } = setup(true);
    const h = host();
    const { g, states } = guest();
    expect(g.state).toEqual({ state: 'waiting' });
    h.admit(g.deviceId);
    expect(g.state.state).toBe('admitted');
    h.remove(g.deviceId);
    expect(g.state).toEqual({ state: 'removed' });
    g.hello(); // asking again does not help
    expect(g.state).toEqual({ state: 'removed' });
    const other = guest();
    h.close();
    expect(other.g.state).toEqual({ state: 'closed' });
    expect(states.map((s) => s.state)).toEqual(['waiting', 'admitted', 'removed', 'closed']);
  });

  it('never sends a room name over the lobby', () => {
    const { pubsub, host, guest } = setup();
    const h = host();
    guest();
    guest();
    const traffic = JSON.stringify(pubsub.log);
    for (const device of h.devices) {
      expect(traffic).not.toContain(device.room.slice('kring-room-'.length));
      expect(traffic).not.toContain(toBase64Url(device.relayKey));
      expect(traffic).not.toContain(relayTopic(device.relayKey).slice('kring-relay-'.length));
    }
  });

  it('ignores forged admissions, a device id claimed with another key (counted), and junk', () => {
    const { pubsub, host, guest } = setup();
    const h = host();
    const { g } = guest();
    const room = h.devices[0]!.room;
    const topic = lobbyTopic(joinCode);
    pubsub.publish(topic, {
      kind: 'admission',
      v: 1,
      session: 'school-a',
      deviceId: g.deviceId,
      status: 'removed',
      mac: 'A'.repeat(22),
    });
    // Someone who saw the tablet's hello claims its id with a key of its own.
    const squatter = newKeyPair();
    pubsub.publish(topic, {
      kind: 'hello',
      v: 1,
      deviceId: g.deviceId,
      publicKey: toBase64Url(squatter.publicKey),
    });
    // An id of its own making that is not the hash of its key: not a device at all.
    pubsub.publish(topic, {
      kind: 'hello',
      v: 1,
      deviceId: 'Uakgb_J5m9g-0JDMbcJqL',
      publicKey: toBase64Url(newKeyPair().publicKey),
    });
    const lowOrder = new Uint8Array(32);
    pubsub.publish(topic, {
      kind: 'hello',
      v: 1,
      deviceId: lobbyDeviceId(lowOrder, joinCode),
      publicKey: toBase64Url(lowOrder),
    });
    pubsub.publish(topic, 'garbage');
    pubsub.publish(topic, { kind: 'hello', v: 1, deviceId: '<script>', publicKey: 'x' });
    expect(g.state).toMatchObject({ state: 'admitted', room });
    expect(h.devices).toHaveLength(1);
    expect(h.devices[0]).toMatchObject({ room, conflicts: 1 });
  });

  it("a device's id is its key's in this session: another session's id cannot be taken over", () => {
    const keys = newKeyPair();
    const here = lobbyDeviceId(keys.publicKey, joinCode);
    expect(here).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(lobbyDeviceId(keys.publicKey, joinCode)).toBe(here);
    expect(lobbyDeviceId(keys.publicKey, 'OTHERCOD')).not.toBe(here);
    expect(lobbyDeviceId(newKeyPair().publicKey, joinCode)).not.toBe(here);
  });

  it('with the QR fingerprint, refuses a fake facilitator that answers first', () => {
    const { pubsub, facilitatorKeys, host, guest } = setup();
    const fakeKeys = newKeyPair();
    const fake = new LobbyHost({ pubsub, joinCode, sessionId: 'fake', keys: fakeKeys });
    const onImpostor = vi.fn();
    const { g } = guest({
      fingerprint: fingerprint(facilitatorKeys.publicKey),
      onImpostor,
    });
    expect(onImpostor.mock.calls.map(([key]) => checkCode(key as Uint8Array))).toEqual([
      checkCode(fakeKeys.publicKey),
    ]);
    expect(g.state.state).toBe('searching'); // the fake admitted it, but it did not listen
    const h = host();
    expect(g.state).toMatchObject({
      state: 'admitted',
      room: h.devices.find((d) => d.deviceId === g.deviceId)!.room,
    });
    fake.destroy();
  });

  it('with a typed code, follows no facilitator until the participant confirms its check code', () => {
    const { pubsub, facilitatorKeys, host, guest } = setup();
    const fakeKeys = newKeyPair();
    // A fake laptop answers first (it re-announces the code all the time), then the real one.
    const fake = new LobbyHost({ pubsub, joinCode, sessionId: 'fake', keys: fakeKeys });
    const onImpostor = vi.fn();
    const trusted: Uint8Array[] = [];
    const offered: Uint8Array[][] = [];
    const { g } = guest({
      typed: true,
      onImpostor,
      onTrusted: (key) => trusted.push(key),
      onCandidates: (candidates) => offered.push([...candidates]),
    });
    const h = host();
    g.hello();
    // Both answered and both admitted it, but it follows neither, and says nothing but hello.
    expect(g.state.state).toBe('searching');
    expect(trusted).toEqual([]);
    expect(offered.at(-1)!.map(checkCode).sort()).toEqual(
      [checkCode(fakeKeys.publicKey), checkCode(facilitatorKeys.publicKey)].sort(),
    );
    // A code of no laptop here is not confirmed.
    expect(g.confirm(newKeyPair().publicKey)).toBe(false);
    // The participant taps the code on the facilitator's screen.
    expect(g.confirm(facilitatorKeys.publicKey)).toBe(true);
    expect(trusted.map(checkCode)).toEqual([checkCode(facilitatorKeys.publicKey)]);
    expect(g.state).toMatchObject({
      state: 'admitted',
      room: h.devices.find((d) => d.deviceId === g.deviceId)!.room,
    });
    // The other laptop is named as the one ignored, once, however often it announces.
    expect(onImpostor.mock.calls.map(([key]) => checkCode(key as Uint8Array))).toEqual([
      checkCode(fakeKeys.publicKey),
    ]);
    fake.announce();
    fake.announce();
    expect(onImpostor).toHaveBeenCalledTimes(1);
    expect(g.confirm(fakeKeys.publicKey)).toBe(false); // confirmed once, for good
    fake.destroy();
  });

  it('shows the check code of the facilitator it trusts, the same as the laptop', () => {
    const { facilitatorKeys, host, guest } = setup();
    host();
    const trusted: Uint8Array[] = [];
    const { g } = guest({
      fingerprint: fingerprint(facilitatorKeys.publicKey),
      onTrusted: (key) => trusted.push(key),
    });
    expect(g.state.state).toBe('admitted');
    expect(trusted.map(checkCode)).toEqual([checkCode(facilitatorKeys.publicKey)]);
    expect(checkCode(facilitatorKeys.publicKey)).toMatch(/^[2-9A-Z]{3} [2-9A-Z]{3}$/);
    expect(checkCode(newKeyPair().publicKey)).not.toBe(checkCode(facilitatorKeys.publicKey));
  });

  it('keeps at most the configured number of devices waiting, against a flood of made-up hellos', () => {
    const pubsub = new MemoryPubSub();
    const h = new LobbyHost({
      pubsub,
      joinCode,
      sessionId: 's',
      keys: newKeyPair(),
      admitByHand: true,
      maxWaiting: 5,
    });
    for (let n = 0; n < 50; n++) pubsub.publish(lobbyTopic(joinCode), madeUpHello());
    expect(h.devices).toHaveLength(5);
  });

  describe('automatic admission against a hello flood', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('lets devices in at a rate; a real tablet, which keeps asking, goes before made-up hellos', async () => {
      const { pubsub, facilitatorKeys, guest } = setup();
      const h = new LobbyHost({ pubsub, joinCode, sessionId: 'school-a', keys: facilitatorKeys });
      const published = pubsub.log.length;
      for (let n = 0; n < 400; n++) pubsub.publish(lobbyTopic(joinCode), madeUpHello());
      // 20 at once; the line holds 100; nobody else yet.
      expect(h.devices.filter((d) => d.status === 'admitted')).toHaveLength(20);
      expect(h.queued).toBe(100);
      // Answers are not a flood of their own: one admission each, announcements rate-limited.
      const answers = pubsub.log
        .slice(published)
        .map((m) => m.data as { kind: string })
        .filter((m) => m.kind !== 'hello');
      expect(answers.filter((m) => m.kind === 'admission')).toHaveLength(20);
      expect(answers.filter((m) => m.kind === 'facilitator').length).toBeLessThanOrEqual(12);

      const { g } = guest(); // a real tablet, from the QR code
      expect(g.state.state).toBe('searching');
      await vi.advanceTimersByTimeAsync(2500); // it said hello again after 2 s
      expect(g.state.state).toBe('admitted');
      // Meanwhile the line moved at 5 a second: 20 + about 12, the real tablet among them.
      const admitted = h.devices.filter((d) => d.status === 'admitted');
      expect(admitted.length).toBeLessThanOrEqual(20 + 13);
      expect(admitted.map((d) => d.deviceId)).toContain(g.deviceId);
    });

    it('admits no more than the cap; the rest wait in line until the facilitator allows more', async () => {
      const { pubsub, facilitatorKeys, guest } = setup();
      const h = new LobbyHost({
        pubsub,
        joinCode,
        sessionId: 'school-a',
        keys: facilitatorKeys,
        maxDevices: 3,
      });
      const tablets = [guest(), guest(), guest(), guest(), guest()];
      await vi.advanceTimersByTimeAsync(5000);
      expect(tablets.map(({ g }) => g.state.state)).toEqual([
        'admitted',
        'admitted',
        'admitted',
        'searching',
        'searching',
      ]);
      expect(h.queued).toBe(2);
      h.setMaxDevices(10_000); // at most MAX_ROOMS
      expect(h.maxDevices).toBe(MAX_ROOMS);
      await vi.advanceTimersByTimeAsync(0);
      expect(tablets.every(({ g }) => g.state.state === 'admitted')).toBe(true);
      expect(h.queued).toBe(0);
    });
  });
});

/** A hello of a device that will never come back, with an id that fits its key. */
function madeUpHello() {
  const { publicKey } = newKeyPair();
  return {
    kind: 'hello',
    v: 1,
    deviceId: lobbyDeviceId(publicKey, joinCode),
    publicKey: toBase64Url(publicKey),
  };
}
