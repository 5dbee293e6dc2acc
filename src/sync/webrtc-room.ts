/**
 * One private room over WebRTC: a y-webrtc provider for a doc, set up the way Kring needs it
 * (docs/architecture.md, "Topology"): signaling only at the kit server, no ICE servers unless configured
 * (there is no internet), no `password` (it needs crypto.subtle, which plain-http tablets lack;
 * the room name is the secret), and awareness switched off (chatty and unused). Providers in one
 * page share one signaling socket per URL (y-webrtc keeps them in one map).
 *
 * Loaded only when a room opens in a browser that has WebRTC (room-connection.ts), so a tablet
 * downloads y-webrtc after it joined, and one without WebRTC never does.
 */
import * as encoding from 'lib0/encoding';
import { writeSyncStep1 } from 'y-protocols/sync';
import { WebrtcProvider, type SignalingConn, type WebrtcConn } from 'y-webrtc';
import { ConnLiveness, HEARTBEAT_MS } from './conn-liveness';
import type * as Y from 'yjs';

export interface WebrtcPeers {
  /** Peers connected over WebRTC (another device). */
  webrtc: number;
  /** Peers in the same browser, over BroadcastChannel (another tab). */
  broadcast: number;
}

export interface WebrtcRoomOptions {
  signalingUrl: string;
  iceServers?: RTCIceServer[];
  onPeers: (peers: WebrtcPeers) => void;
  /** Updates from these origins came from the peer by another path (the relay): not echoed. */
  isOtherPath?: (origin: unknown) => boolean;
}

export interface WebrtcRoom {
  readonly peers: WebrtcPeers;
  /** Whether an update with this origin came from this room's peers. */
  isPeerOrigin(origin: unknown): boolean;
  destroy(): void;
}

/** A room has two members; a third slot tolerates a stale peer after the other side reloaded. */
const MAX_CONNS = 3;

export function openWebrtcRoom(room: string, doc: Y.Doc, options: WebrtcRoomOptions): WebrtcRoom {
  const provider = new WebrtcProvider(room, doc, {
    signaling: [options.signalingUrl],
    maxConns: MAX_CONNS,
    filterBcConns: true,
    peerOpts: { config: { iceServers: options.iceServers ?? [] } },
  });
  provider.awareness.setLocalState(null);
  void provider.key.then(() => suppressEcho(provider, doc, options.isOtherPath));
  const liveness = new ConnLiveness<WebrtcConn>();
  const report = () => options.onPeers(peersConnected(provider, liveness));
  // 'peers' fires as y-webrtc makes a connection, before anything can arrive on it: each one is
  // watched from then on. The timer catches liveness changing (y-webrtc emits nothing then).
  const onPeers = () => {
    for (const conn of provider.room?.webrtcConns.values() ?? []) watch(conn, liveness, report);
    report();
  };
  provider.on('peers', onPeers);
  provider.on('synced', report);
  const retry = retryWhenStuck(provider, liveness);
  const heartbeat = heartbeats(provider, doc, liveness);
  const timer = setInterval(() => {
    heartbeat();
    report();
    retry();
  }, 1000);
  return {
    get peers() {
      return peersConnected(provider, liveness);
    },
    isPeerOrigin: (origin) => origin !== null && origin === provider.room,
    destroy() {
      clearInterval(timer);
      provider.off('peers', onPeers);
      provider.off('synced', report);
      provider.destroy();
    },
  };
}

/** Hears every message of a connection (once per connection), for its liveness. */
function watch(conn: WebrtcConn, liveness: ConnLiveness<WebrtcConn>, onLive: () => void): void {
  if (!liveness.watch(conn)) return;
  const peer = conn.peer as { on(event: string, listener: () => void): void };
  peer.on('connect', () => liveness.opened(conn));
  peer.on('data', () => {
    if (liveness.heard(conn)) onLive();
  });
}

/**
 * y-webrtc sends every doc update to the room's peers, including updates that just came from a
 * peer, so that they travel on through a mesh. A private room has one peer, which is where such
 * an update came from: the echo doubles the traffic (4 messages per answer instead of 2, measured
 * in bench/sync.ts). The same goes for an update that came over the relay. Runs after the
 * provider opened and connected its room (its own `key.then` was registered first), and swaps
 * the room's update handler for one that skips those origins (y-webrtc applies remote updates
 * with the room as origin).
 */
function suppressEcho(
  provider: WebrtcProvider,
  doc: Y.Doc,
  isOtherPath: (origin: unknown) => boolean = () => false,
): void {
  const room = provider.room;
  if (!room) return;
  const send = room._docUpdateHandler;
  const filtered = (update: Uint8Array, origin: unknown) => {
    if (origin !== room && !isOtherPath(origin)) send(update, origin);
  };
  room._docUpdateHandler = filtered; // what the room's connect()/disconnect() use from now on
  if (provider.connected) {
    doc.off('update', send);
    doc.on('update', filtered);
  }
}

/** After this long without a connected peer, the room starts over (a hung attempt is dropped). */
const RETRY_AFTER_MS = 12_000;

/**
 * y-webrtc tries again when a connection closes, but not when an attempt hangs (an ICE check
 * that never completes leaves a peer entry that blocks new attempts from that peer). When a
 * room has had no connected peer for a while, its hung attempts are dropped: y-webrtc then
 * announces the device again, as after any closed connection. A room with no attempt at all
 * (its announcement was lost) announces itself. This is light on purpose: the laptop does it
 * for every device on the relay, every RETRY_AFTER_MS, so that WebRTC can take over again.
 */
function retryWhenStuck(provider: WebrtcProvider, liveness: ConnLiveness<WebrtcConn>): () => void {
  let since = Date.now();
  return () => {
    const room = provider.room;
    const peers = peersConnected(provider, liveness);
    if (peers.webrtc + peers.broadcast > 0 || !room) {
      since = Date.now();
      return;
    }
    if (Date.now() - since < RETRY_AFTER_MS) return;
    since = Date.now();
    const hung = [...room.webrtcConns.values()];
    for (const conn of hung) conn.destroy(); // its 'close' makes y-webrtc announce again
    if (hung.length === 0) announce(provider, room.name, room.peerId);
  };
}

/**
 * Heartbeats, which also heal lost messages. y-webrtc compares the two docs once, when a
 * connection opens, and its status says "connected" while the data channel is open, whether or
 * not anything passes (glare, issue 19, left both sides "connected" with nothing arriving). So,
 * as y-websocket's resyncInterval does, every HEARTBEAT_MS each open connection gets a sync
 * step 1 (the doc's state vector, a few bytes) in y-webrtc's framing: the peer always answers
 * it, with whatever this side lacks (a message lost on the way) or an empty step 2. A connection
 * counts as live only while such answers and other messages arrive (ConnLiveness); one silent for
 * SILENT_MS is closed, and y-webrtc announces the room again for a fresh connection.
 */
function heartbeats(
  provider: WebrtcProvider,
  doc: Y.Doc,
  liveness: ConnLiveness<WebrtcConn>,
): () => void {
  let last = 0;
  return () => {
    const room = provider.room;
    if (!room) return;
    for (const conn of room.webrtcConns.values())
      if (conn.connected && liveness.isDead(conn)) conn.destroy();
    if (Date.now() - last < HEARTBEAT_MS) return;
    last = Date.now();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    writeSyncStep1(encoder, doc);
    const message = encoding.toUint8Array(encoder);
    for (const conn of room.webrtcConns.values())
      if (conn.connected)
        try {
          (conn.peer as { send(data: Uint8Array): void }).send(message);
        } catch {
          // a channel closing now: y-webrtc compares again when it reconnects
        }
  };
}

/** y-webrtc's message type of a y-protocols sync message. */
const MESSAGE_SYNC = 0;

/** y-webrtc's own announcement (without a password, a plain publish on the room's topic). */
function announce(provider: WebrtcProvider, topic: string, from: string): void {
  for (const conn of provider.signalingConns as SignalingConn[])
    if (conn.connected) conn.send({ type: 'publish', topic, data: { type: 'announce', from } });
}

/**
 * WebRTC peers that are live: their channel is open and messages from them arrive (y-webrtc
 * lists a peer as soon as it is announced, and keeps it while its channel is open).
 */
function peersConnected(provider: WebrtcProvider, liveness: ConnLiveness<WebrtcConn>): WebrtcPeers {
  const room = provider.room;
  if (!room) return { webrtc: 0, broadcast: 0 };
  let webrtc = 0;
  for (const conn of room.webrtcConns.values())
    if (conn.connected && liveness.isLive(conn)) webrtc++;
  return { webrtc, broadcast: room.bcConns.size };
}
