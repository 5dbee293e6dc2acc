/**
 * One private room on the network, by whichever path works: WebRTC (y-webrtc, webrtc-room.ts)
 * where it connects, and the kit server's relay (relay-link.ts) where it does not. A device
 * without WebRTC uses the relay at once; one whose WebRTC has not connected (ICE blocked, mDNS
 * dropped by the Wi-Fi) after RELAY_GRACE_MS moves to the relay, and back when WebRTC connects.
 * The facilitator's side follows the device. Both paths carry the same y-protocol messages, and
 * every change goes by the path in use, so a switch loses nothing.
 */
import type * as Y from 'yjs';
import { relayTopic } from './admission';
import { RelayLink } from './relay-link';
import type { RelayRole } from './relay-seal';
import type { RelayTransport } from './relay-socket';
import type { WebrtcPeers, WebrtcRoom } from './webrtc-room';

export interface RoomPeers extends WebrtcPeers {
  /** 1 while the other side is reachable through the kit server's relay. */
  relay: number;
}

/** How a room reaches the other side now: WebRTC first, as it is the shorter path. */
export type RoomPath = 'webrtc' | 'broadcast' | 'relay';

export function roomPath(peers: RoomPeers): RoomPath | undefined {
  if (peers.webrtc > 0) return 'webrtc';
  if (peers.relay > 0) return 'relay';
  if (peers.broadcast > 0) return 'broadcast';
  return undefined;
}

export function isConnected(peers: RoomPeers): boolean {
  return roomPath(peers) !== undefined;
}

export const NO_PEERS: RoomPeers = { webrtc: 0, broadcast: 0, relay: 0 };

export interface RoomConnectionOptions {
  signalingUrl: string;
  iceServers?: RTCIceServer[];
  onPeers?: (peers: RoomPeers) => void;
  /** The room's relay key and this side's role; without it the room is WebRTC only. */
  relay?: { key: Uint8Array; role: RelayRole };
}

/** What a room needs from the network: the real one opens WebRTC and the relay. */
export interface RoomConnection {
  readonly peers: RoomPeers;
  destroy(): void;
}

export type ConnectRoom = (
  room: string,
  doc: Y.Doc,
  options: RoomConnectionOptions,
) => RoomConnection;

/** A device whose WebRTC has not connected for this long moves to the relay. */
export const RELAY_GRACE_MS = 4000;
/** How long after a failed load of WebRTC's code it is tried again. */
const WEBRTC_RELOAD_MS = 10_000;

export interface RoomNetwork {
  relay: RelayTransport;
  /** Whether this browser can make WebRTC connections (a tablet's may not). */
  hasWebrtc?: () => boolean;
  loadWebrtc?: () => Promise<typeof import('./webrtc-room')>;
  now?: () => number;
}

/** Rooms over WebRTC and the relay of `network`. */
export function connectRooms(network: RoomNetwork): ConnectRoom {
  const hasWebrtc = network.hasWebrtc ?? (() => typeof RTCPeerConnection === 'function');
  const loadWebrtc = network.loadWebrtc ?? (() => import('./webrtc-room'));
  const now = network.now ?? Date.now;
  return (room, doc, options) => {
    let webrtc: WebrtcRoom | undefined;
    let destroyed = false;
    let directAt = now(); // when WebRTC was last connected (or the room opened)
    let reported = '';
    const withWebrtc = hasWebrtc();
    const relay = options.relay;
    const link =
      relay &&
      new RelayLink({
        transport: network.relay,
        topic: relayTopic(relay.key),
        key: relay.key,
        role: relay.role,
        doc,
        isPeerOrigin: (origin) => webrtc?.isPeerOrigin(origin) ?? false,
        onLive: () => update(),
      });
    const peers = (): RoomPeers => ({
      ...(webrtc?.peers ?? NO_PEERS),
      relay: link?.live ? 1 : 0,
    });
    const update = () => {
      if (destroyed) return;
      const current = peers();
      const direct = current.webrtc > 0;
      if (direct) directAt = now();
      link?.setDirect(direct);
      if (relay?.role === 'device')
        link?.setWanted(!direct && (!withWebrtc || now() - directAt >= RELAY_GRACE_MS));
      const key = JSON.stringify(current);
      if (key === reported) return;
      reported = key;
      options.onPeers?.(current);
    };
    const timer = setInterval(update, 1000);
    let retry: ReturnType<typeof setTimeout> | undefined;
    // WebRTC's code is loaded with the first room; if that fails (the network dropped right
    // then), the relay carries the room meanwhile and the load is tried again.
    const openWebrtc = () =>
      loadWebrtc().then(
        ({ openWebrtcRoom }) => {
          if (destroyed) return;
          webrtc = openWebrtcRoom(room, doc, {
            signalingUrl: options.signalingUrl,
            ...(options.iceServers ? { iceServers: options.iceServers } : {}),
            onPeers: update,
            isOtherPath: (origin) => origin === link,
          });
        },
        () => {
          if (!destroyed) retry = setTimeout(() => void openWebrtc(), WEBRTC_RELOAD_MS);
        },
      );
    if (withWebrtc) void openWebrtc();
    update();
    return {
      get peers() {
        return peers();
      },
      destroy() {
        destroyed = true;
        clearInterval(timer);
        clearTimeout(retry);
        webrtc?.destroy();
        link?.destroy();
      },
    };
  };
}

/** The kit server's signaling endpoint, seen from this page (wss on an https page). */
export function signalingUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
}
