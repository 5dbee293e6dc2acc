import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { KEEPALIVE_MS, LIVE_MS, RelayLink, type RelayLinkOptions } from '../../src/sync/relay-link';
import { MemoryRelay } from '../fixtures/memory-relay';

const KEY = new Uint8Array(32).fill(3);
const TOPIC = 'kring-relay-unit-test-01';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

interface End {
  doc: Y.Doc;
  link: RelayLink;
  refused: string[];
}

function end(
  relay: MemoryRelay,
  role: RelayLinkOptions['role'],
  doc = new Y.Doc(),
  onLive?: (live: boolean) => void,
): End {
  const refused: string[] = [];
  const link = new RelayLink({
    transport: relay.transport(),
    topic: TOPIC,
    key: KEY,
    role,
    doc,
    onRefused: (reason) => refused.push(reason),
    ...(onLive ? { onLive } : {}),
  });
  return { doc, link, refused };
}

/** Lets `ms` pass on the clock, delivering what the relay carries second by second. */
function pass(relay: MemoryRelay, ms: number): void {
  relay.deliver();
  for (let t = 0; t < ms; t += 1000) {
    vi.advanceTimersByTime(Math.min(1000, ms - t));
    relay.deliver();
  }
}

/** A device without WebRTC (it wants the relay at once) and the laptop, linked. */
function linked(relay = new MemoryRelay()) {
  const device = end(relay, 'device');
  const laptop = end(relay, 'facilitator');
  device.link.setWanted(true);
  pass(relay, 0);
  expect(device.link.live).toBe(true);
  expect(laptop.link.live).toBe(true);
  return { relay, device, laptop };
}

const answers = (doc: Y.Doc) => doc.getMap('answers').toJSON();

describe('a room over the relay', () => {
  it('links the device and the laptop, and syncs both ways: what each had, then every change', () => {
    const relay = new MemoryRelay();
    const device = end(relay, 'device');
    device.doc.getMap('answers').set('q1', 'before the link');
    const laptop = end(relay, 'facilitator');
    laptop.doc.getMap('survey').set('definition', '{…}');
    device.link.setWanted(true);
    pass(relay, 0);
    expect(answers(laptop.doc)).toEqual({ q1: 'before the link' });
    expect(device.doc.getMap('survey').get('definition')).toBe('{…}');

    device.doc.getMap('answers').set('q2', 3);
    relay.deliver();
    expect(answers(laptop.doc)).toEqual({ q1: 'before the link', q2: 3 });
    laptop.doc.getMap('receipts').set('r1', 'received');
    relay.deliver();
    expect(device.doc.getMap('receipts').get('r1')).toBe('received');
  });

  it('sends one message per change on each side (an answer, then its receipt): 2 per edit', () => {
    const { relay, device, laptop } = linked();
    laptop.doc.getMap('answers').observe(() => laptop.doc.getMap('receipts').set('r1', Date.now()));
    const before = device.link.sent + laptop.link.sent;
    for (let i = 0; i < 10; i++) {
      device.doc.getMap('answers').set('q', i);
      relay.deliver();
    }
    expect(device.link.sent + laptop.link.sent - before).toBe(20);
    expect(laptop.doc.getMap('answers').get('q')).toBe(9);
  });

  it('never lets an answer through in clear; a third member of the topic reads nothing and changes nothing', () => {
    const { relay, device, laptop } = linked();
    const answer = 'Op school voel ik me niet veilig';
    device.doc.getMap('answers').set('open', answer);
    relay.deliver();
    expect(laptop.doc.getMap('answers').get('open')).toBe(answer);
    const all = relay.seen.map((bytes) => new TextDecoder('latin1').decode(bytes)).join('');
    expect(all).not.toContain('veilig');
    const captured = relay.seen.slice(); // the link's traffic, as the server saw it

    // An eavesdropper on the topic with a key of its own: its frames are refused by both ends.
    const intruder = new RelayLink({
      transport: relay.transport(),
      topic: TOPIC,
      key: new Uint8Array(32).fill(9),
      role: 'device',
      doc: new Y.Doc(),
    });
    intruder.setWanted(true);
    pass(relay, 2000);
    expect(laptop.refused.length).toBeGreaterThan(0);
    expect(new Set(laptop.refused)).toEqual(new Set(['forged']));
    intruder.destroy();

    // Captured frames played again: refused, nothing changes.
    const replayer = relay.transport().join(TOPIC, {
      message: () => undefined,
      up: () => undefined,
      down: () => undefined,
    });
    laptop.refused.length = 0;
    device.refused.length = 0;
    device.doc.getMap('answers').set('open', 'changed my mind');
    relay.deliver();
    for (const frame of captured) replayer.send(frame);
    relay.deliver();
    expect(laptop.doc.getMap('answers').get('open')).toBe('changed my mind');
    // The device's own frames come back to the laptop as replays; the laptop's to the laptop
    // are its own (refused unopened); an unaddressed hello may pass, to be answered, no more.
    expect(new Set(laptop.refused)).toEqual(new Set(['replayed', 'malformed']));
    expect(new Set(device.refused)).toEqual(new Set(['replayed', 'malformed']));
  });

  it('carries a backlog larger than one relay frame, in frames the relay accepts', () => {
    const relay = new MemoryRelay();
    const device = end(relay, 'device');
    const long = 'Een heel lang antwoord. '.repeat(15_000); // 360 KB
    device.doc.getText('open').insert(0, long);
    const laptop = end(relay, 'facilitator');
    device.link.setWanted(true);
    pass(relay, 0);
    expect(laptop.doc.getText('open').toJSON()).toBe(long);
    expect(Math.max(...relay.seen.map((f) => f.length))).toBeLessThanOrEqual(64 * 1024);
  });

  it('goes quiet when WebRTC takes over, and catches up what WebRTC dropped when it comes back', () => {
    const { relay, device, laptop } = linked();
    device.link.setDirect(true);
    laptop.link.setDirect(true);
    device.link.setWanted(false); // says bye: the laptop stops at once
    relay.deliver();
    expect(laptop.link.live).toBe(false);
    const sent = relay.seen.length;
    device.doc.getMap('answers').set('q1', 'sent over WebRTC, lost when it dropped');
    relay.deliver();
    expect(relay.seen.length).toBe(sent); // nothing on the relay while WebRTC carries the room

    // WebRTC is gone: the device wants the relay again; the link catches up.
    device.link.setDirect(false);
    laptop.link.setDirect(false);
    device.link.setWanted(true);
    pass(relay, 0);
    expect(answers(laptop.doc)).toEqual({ q1: 'sent over WebRTC, lost when it dropped' });
  });

  it('links again with a restarted laptop page, and hands over what was answered meanwhile', () => {
    const { relay, device, laptop } = linked();
    device.doc.getMap('answers').set('q1', 1);
    relay.deliver();
    const stored = Y.encodeStateAsUpdate(laptop.doc); // what the laptop's storage holds
    laptop.link.destroy();
    device.doc.getMap('answers').set('q2', 2); // while the laptop page reloads
    relay.deliver();

    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored);
    const reloaded = end(relay, 'facilitator', doc);
    pass(relay, KEEPALIVE_MS + 1000); // the device's next hello finds the new page
    expect(answers(reloaded.doc)).toEqual({ q1: 1, q2: 2 });
    expect(reloaded.refused).toEqual([]);
  });

  it('comes back after the relay socket dropped (a kit server restart), and syncs what was missed', () => {
    const { relay, device, laptop } = linked();
    relay.setUp(false);
    relay.deliver();
    device.doc.getMap('answers').set('q1', 'answered while the server was down');
    relay.deliver();
    expect(answers(laptop.doc)).toEqual({});
    relay.setUp(true);
    pass(relay, 0);
    expect(answers(laptop.doc)).toEqual({ q1: 'answered while the server was down' });
  });

  it('says when the other side is gone, and asks again less and less often', () => {
    const relay = new MemoryRelay();
    const changes: boolean[] = [];
    const device = end(relay, 'device', new Y.Doc(), (live) => changes.push(live));
    const laptop = end(relay, 'facilitator');
    device.link.setWanted(true);
    pass(relay, 0);
    expect(changes).toEqual([true]);
    pass(relay, 30_000); // quiet, but kept alive by the device's hellos
    expect(changes).toEqual([true]);
    laptop.link.destroy();
    pass(relay, LIVE_MS + 1000);
    expect(changes).toEqual([true, false]);
    const before = device.link.sent;
    pass(relay, 64_000);
    expect(device.link.sent - before).toBeLessThanOrEqual(64 / 8 + 3); // backing off to one per 8 s
    expect(device.link.sent - before).toBeGreaterThan(0); // but never giving up
  });
});
