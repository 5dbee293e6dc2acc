/**
 * The real network of a page: the lobby's publish/subscribe and the rooms' WebRTC providers,
 * both through the kit server that served the page. Tests pass in-memory ones instead.
 */
import { connectWebrtcRoom, signalingUrlFor } from '../sync/room-connection';
import { SignalingPubSub } from '../sync/signaling-pubsub';
import type { PubSub } from '../sync/pubsub';

export interface Network {
  signalingUrl: string;
  connect: typeof connectWebrtcRoom;
  createPubSub(onConnected: (up: boolean) => void): PubSub & { destroy(): void };
  iceServers?: RTCIceServer[];
}

export function browserNetwork(location: Location = window.location): Network {
  const signalingUrl = signalingUrlFor(location);
  return {
    signalingUrl,
    connect: connectWebrtcRoom,
    createPubSub: (onConnected) =>
      new SignalingPubSub({
        url: signalingUrl,
        onConnected: () => onConnected(true),
        onDisconnected: () => onConnected(false),
      }),
  };
}
