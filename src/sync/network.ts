/**
 * The real network of a page: the lobby's publish/subscribe, and the rooms over WebRTC or the
 * relay, all through the kit server that served the page. Tests pass in-memory ones instead.
 */
import type { PubSub } from './pubsub';
import { connectRooms, signalingUrlFor, type ConnectRoom } from './room-connection';
import { RelaySocket, relayUrlFor } from './relay-socket';
import { SignalingPubSub } from './signaling-pubsub';

export interface Network {
  signalingUrl: string;
  connect: ConnectRoom;
  createPubSub(onConnected: (up: boolean) => void): PubSub & { destroy(): void };
  iceServers?: RTCIceServer[];
}

export function browserNetwork(
  location: Location = window.location,
  iceServers: RTCIceServer[] = [],
): Network {
  const signalingUrl = signalingUrlFor(location);
  return {
    signalingUrl,
    iceServers,
    // One relay socket for all of the page's rooms; it opens with the first.
    connect: connectRooms({ relay: new RelaySocket({ url: relayUrlFor(location) }) }),
    createPubSub: (onConnected) =>
      new SignalingPubSub({
        url: signalingUrl,
        onConnected: () => onConnected(true),
        onDisconnected: () => onConnected(false),
      }),
  };
}
