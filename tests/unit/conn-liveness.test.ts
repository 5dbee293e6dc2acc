import { describe, expect, it } from 'vitest';
import { ConnLiveness, HEARTBEAT_MS, SILENT_MS } from '../../src/sync/conn-liveness';

function clock() {
  let now = 1_000_000;
  return { now: () => now, pass: (ms: number) => (now += ms) };
}

describe('connection liveness', () => {
  it('counts a connection as live only once a message arrived, and while they keep arriving', () => {
    const time = clock();
    const liveness = new ConnLiveness<object>(time.now);
    const conn = {};
    liveness.watch(conn);
    liveness.opened(conn);
    expect(liveness.isLive(conn)).toBe(false); // open, but nothing heard: not "connected"
    expect(liveness.heard(conn)).toBe(true); // became live
    expect(liveness.heard(conn)).toBe(false); // was live already
    for (let i = 0; i < 5; i++) {
      time.pass(HEARTBEAT_MS);
      liveness.heard(conn); // heartbeats answered
      expect(liveness.isLive(conn)).toBe(true);
      expect(liveness.isDead(conn)).toBe(false);
    }
    time.pass(SILENT_MS);
    expect(liveness.isLive(conn)).toBe(false);
    expect(liveness.isDead(conn)).toBe(true);
  });

  it('calls an open connection that never carried anything dead after SILENT_MS, not before', () => {
    const time = clock();
    const liveness = new ConnLiveness<object>(time.now);
    const conn = {};
    liveness.watch(conn);
    time.pass(60_000); // an attempt that hangs before opening is not this check's business
    expect(liveness.isDead(conn)).toBe(false);
    liveness.opened(conn);
    time.pass(SILENT_MS - 1);
    expect(liveness.isDead(conn)).toBe(false);
    time.pass(1);
    expect(liveness.isDead(conn)).toBe(true);
  });

  it('watches each connection once', () => {
    const liveness = new ConnLiveness<object>();
    const conn = {};
    expect(liveness.watch(conn)).toBe(true);
    expect(liveness.watch(conn)).toBe(false);
    expect(liveness.heard({})).toBe(false); // not watched: ignored
  });
});
