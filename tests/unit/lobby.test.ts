import { describe, expect, it, vi } from 'vitest';
import {
  checkCode,
  fingerprint,
  lobbyTopic,
  newKeyPair,
  relayTopic,
  toBase64Url,
} from '../../src/sync/admission';
import { LobbyGuest, type GuestState } from '../../src/sync/lobby-guest';
import { LobbyHost } from '../../src/sync/lobby-host';
import { MemoryPubSub } from '../../src/sync/pubsub';

const joinCode = 'KR7M4QP9';
const ids = ['V1StGXR8_Z5jdHi6B-myT', 'Uakgb_J5m9g-0JDMbcJqL', 'aaaaaaaaaaaaaaaaaaaaa'] as const;

function setup(admitByHand = false) {
  const pubsub = new MemoryPubSub();
  const facilitatorKeys = newKeyPair();
  const host = () =>
    new LobbyHost({ pubsub, joinCode, sessionId: 'school-a', keys: facilitatorKeys, admitByHand });
  const guest = (
    deviceId: string,
    extra: {
      fingerprint?: string;
      onImpostor?: () => void;
      onTrusted?: (key: Uint8Array) => void;
    } = {},
  ) => {
    const states: GuestState[] = [];
    const g = new LobbyGuest({
      pubsub,
      joinCode,
      deviceId,
      keys: newKeyPair(),
      onState: (s) => states.push(s),
      ...extra,
    });
    return { g, states };
  };
  return { pubsub, facilitatorKeys, host, guest };
}

describe('lobby', () => {
  it('admits a device automatically; both ends know the same private room and relay key', () => {
    const { host, guest } = setup();
    const h = host();
    const { g } = guest(ids[0]);
    expect(g.state.state).toBe('admitted');
    const [device] = h.devices;
    expect(device).toMatchObject({ deviceId: ids[0], status: 'admitted' });
    expect(g.state).toEqual({ state: 'admitted', room: device!.room, relayKey: device!.relayKey });
    expect(device!.relayKey).toHaveLength(32);
  });

  it('works whichever starts first, the tablet or the laptop', () => {
    const { host, guest } = setup();
    const early = guest(ids[0]);
    expect(early.g.state.state).toBe('searching');
    const h = host();
    const late = guest(ids[1]);
    expect(early.g.state.state).toBe('admitted');
    expect(late.g.state.state).toBe('admitted');
    expect(new Set(h.devices.map((d) => d.room)).size).toBe(2); // one private room per device
  });

  it('lets the facilitator admit by hand, remove a device, and close the session', () => {
    const { host, guest } = setup(true);
    const h = host();
    const { g, states } = guest(ids[0]);
    expect(g.state).toEqual({ state: 'waiting' });
    h.admit(ids[0]);
    expect(g.state.state).toBe('admitted');
    h.remove(ids[0]);
    expect(g.state).toEqual({ state: 'removed' });
    g.hello(); // asking again does not help
    expect(g.state).toEqual({ state: 'removed' });
    const other = guest(ids[1]);
    h.close();
    expect(other.g.state).toEqual({ state: 'closed' });
    expect(states.map((s) => s.state)).toEqual(['waiting', 'admitted', 'removed', 'closed']);
  });

  it('never sends a room name over the lobby', () => {
    const { pubsub, host, guest } = setup();
    const h = host();
    guest(ids[0]);
    guest(ids[1]);
    const traffic = JSON.stringify(pubsub.log);
    for (const device of h.devices) {
      expect(traffic).not.toContain(device.room.slice('kring-room-'.length));
      expect(traffic).not.toContain(toBase64Url(device.relayKey));
      expect(traffic).not.toContain(relayTopic(device.relayKey).slice('kring-relay-'.length));
    }
  });

  it('ignores forged admissions and a hello that reuses another device id with another key', () => {
    const { pubsub, host, guest } = setup();
    const h = host();
    const { g } = guest(ids[0]);
    const room = h.devices[0]!.room;
    const topic = lobbyTopic(joinCode);
    pubsub.publish(topic, {
      kind: 'admission',
      v: 1,
      session: 'school-a',
      deviceId: ids[0],
      status: 'removed',
      mac: 'A'.repeat(22),
    });
    pubsub.publish(topic, {
      kind: 'hello',
      v: 1,
      deviceId: ids[0],
      publicKey: toBase64Url(newKeyPair().publicKey),
    });
    pubsub.publish(topic, {
      kind: 'hello',
      v: 1,
      deviceId: ids[1],
      publicKey: toBase64Url(new Uint8Array(32)),
    }); // low-order key
    pubsub.publish(topic, 'garbage');
    pubsub.publish(topic, { kind: 'hello', v: 1, deviceId: '<script>', publicKey: 'x' });
    expect(g.state).toMatchObject({ state: 'admitted', room });
    expect(h.devices).toHaveLength(1);
    expect(h.devices[0]!.room).toBe(room);
  });

  it('with the QR fingerprint, refuses a fake facilitator that answers first', () => {
    const { pubsub, facilitatorKeys, host, guest } = setup();
    const fake = new LobbyHost({ pubsub, joinCode, sessionId: 'fake', keys: newKeyPair() });
    const onImpostor = vi.fn();
    const { g } = guest(ids[0], {
      fingerprint: fingerprint(facilitatorKeys.publicKey),
      onImpostor,
    });
    expect(onImpostor).toHaveBeenCalled();
    expect(g.state.state).toBe('searching'); // the fake admitted it, but it did not listen
    const h = host();
    expect(g.state).toMatchObject({
      state: 'admitted',
      room: h.devices.find((d) => d.deviceId === ids[0])!.room,
    });
    fake.destroy();
  });

  it('with a typed code, trusts the first facilitator, says so by its check code, and flags a second one', () => {
    const { pubsub, facilitatorKeys, host, guest } = setup();
    const h = host();
    const onImpostor = vi.fn();
    const trusted: Uint8Array[] = [];
    const { g } = guest(ids[0], { onImpostor, onTrusted: (key) => trusted.push(key) });
    expect(g.state.state).toBe('admitted');
    // The tablet shows the same check code as the facilitator's screen.
    expect(trusted.map(checkCode)).toEqual([checkCode(facilitatorKeys.publicKey)]);
    expect(checkCode(facilitatorKeys.publicKey)).toMatch(/^[2-9A-Z]{3} [2-9A-Z]{3}$/);
    expect(checkCode(newKeyPair().publicKey)).not.toBe(checkCode(facilitatorKeys.publicKey));
    // Another laptop answering to the same code is noticed, not followed.
    const fake = new LobbyHost({ pubsub, joinCode, sessionId: 'fake', keys: newKeyPair() });
    g.hello();
    expect(onImpostor).toHaveBeenCalled();
    expect(g.state).toMatchObject({
      state: 'admitted',
      room: h.devices.find((d) => d.deviceId === ids[0])!.room,
    });
    fake.destroy();
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
    for (let n = 0; n < 50; n++) {
      pubsub.publish(lobbyTopic(joinCode), {
        kind: 'hello',
        v: 1,
        deviceId: `flood${String(n).padStart(16, '0')}`,
        publicKey: toBase64Url(newKeyPair().publicKey),
      });
    }
    expect(h.devices).toHaveLength(5);
  });
});
