import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  connectRooms,
  RELAY_GRACE_MS,
  roomPath,
  type RoomPeers,
} from '../../src/sync/room-connection';
import type { WebrtcPeers, WebrtcRoomOptions } from '../../src/sync/webrtc-room';
import { MemoryRelay } from '../fixtures/memory-relay';

const KEY = new Uint8Array(32).fill(5);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** WebRTC as the test sets it: connected or not, with a count of rooms opened. */
function fakeWebrtc() {
  const state = { connected: false, opened: 0, rooms: [] as WebrtcRoomOptions[] };
  const peers = (): WebrtcPeers => ({ webrtc: state.connected ? 1 : 0, broadcast: 0 });
  return {
    state,
    set(connected: boolean) {
      state.connected = connected;
      for (const room of state.rooms) room.onPeers(peers());
    },
    load: () =>
      Promise.resolve({
        openWebrtcRoom: (_room: string, _doc: Y.Doc, options: WebrtcRoomOptions) => {
          state.opened++;
          state.rooms.push(options);
          return {
            get peers() {
              return peers();
            },
            isPeerOrigin: () => false,
            destroy: () => undefined,
          };
        },
      }),
  };
}

function side(
  relay: MemoryRelay,
  role: 'device' | 'facilitator',
  webrtc: ReturnType<typeof fakeWebrtc> | undefined,
) {
  const seen: RoomPeers[] = [];
  const doc = new Y.Doc();
  const connect = connectRooms({
    relay: relay.transport(),
    hasWebrtc: () => webrtc !== undefined,
    ...(webrtc ? { loadWebrtc: webrtc.load } : {}),
  });
  const connection = connect('kring-room-test', doc, {
    signalingUrl: 'ws://kit/signal',
    relay: { key: KEY, role },
    onPeers: (peers) => seen.push(peers),
  });
  return { doc, connection, seen };
}

/** Lets time pass second by second, delivering what the relay carries. */
async function pass(relay: MemoryRelay, ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
  relay.deliver();
  for (let t = 0; t < ms; t += 1000) {
    await vi.advanceTimersByTimeAsync(1000);
    relay.deliver();
  }
}

describe('a room by whichever path works', () => {
  it('uses the relay at once in a browser without WebRTC, and never loads WebRTC there', async () => {
    const relay = new MemoryRelay();
    const laptopWebrtc = fakeWebrtc();
    const laptop = side(relay, 'facilitator', laptopWebrtc);
    const tablet = side(relay, 'device', undefined);
    await pass(relay, 0);
    expect(roomPath(tablet.connection.peers)).toBe('relay');
    expect(roomPath(laptop.connection.peers)).toBe('relay');
    tablet.doc.getMap('answers').set('q', 1);
    relay.deliver();
    expect(laptop.doc.getMap('answers').get('q')).toBe(1);
    expect(laptopWebrtc.state.opened).toBe(1); // the laptop has WebRTC for other tablets
  });

  it('waits for WebRTC first, moves to the relay after the grace period, and back when WebRTC connects', async () => {
    const relay = new MemoryRelay();
    const laptop = side(relay, 'facilitator', fakeWebrtc());
    const tabletWebrtc = fakeWebrtc();
    const tablet = side(relay, 'device', tabletWebrtc);
    await pass(relay, RELAY_GRACE_MS - 1000);
    expect(roomPath(tablet.connection.peers)).toBeUndefined(); // still giving WebRTC its chance
    expect(relay.seen).toEqual([]);
    await pass(relay, 2000);
    expect(roomPath(tablet.connection.peers)).toBe('relay');

    tabletWebrtc.set(true); // WebRTC connects: the tablet says bye, the laptop stops relaying
    await pass(relay, 0);
    expect(roomPath(tablet.connection.peers)).toBe('webrtc');
    expect(roomPath(laptop.connection.peers)).toBeUndefined(); // the laptop's WebRTC is fake-off
    const sent = relay.seen.length;
    tablet.doc.getMap('answers').set('q', 'over WebRTC');
    await pass(relay, 20_000);
    expect(relay.seen.length).toBe(sent); // nothing more on the relay, not even keepalives

    tabletWebrtc.set(false); // and lost again: after the grace period, the relay catches up
    await pass(relay, RELAY_GRACE_MS + 1000);
    expect(roomPath(tablet.connection.peers)).toBe('relay');
    expect(laptop.doc.getMap('answers').get('q')).toBe('over WebRTC');
  });

  it('tells its listener each change of path once, and stops everything on destroy', async () => {
    const relay = new MemoryRelay();
    side(relay, 'facilitator', fakeWebrtc());
    const tablet = side(relay, 'device', undefined);
    await pass(relay, 30_000);
    expect(tablet.seen.map(roomPath)).toEqual([undefined, 'relay']);
    const sent = relay.seen.length;
    tablet.connection.destroy();
    await pass(relay, 30_000);
    expect(relay.seen.length).toBe(sent + 1); // its bye, then silence
  });
});
