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

/**
 * The network with the ICE servers the kit server was started with (`--ice-server`); none when
 * `/kit.json` cannot be read (offline start, older server), which suits one local network.
 */
export async function loadBrowserNetwork(
  fetcher: typeof fetch = fetch,
  location: Location = window.location,
): Promise<Network> {
  let iceServers: RTCIceServer[] = [];
  try {
    // A dropped Wi-Fi can leave a request hanging: the tablet must not wait for it.
    const response = await fetcher('/kit.json', {
      cache: 'no-store',
      signal: AbortSignal.timeout(3000),
    });
    const info = (await response.json()) as { iceServers?: unknown };
    if (Array.isArray(info.iceServers)) iceServers = info.iceServers.filter(isIceServer);
  } catch {
    // keep none
  }
  return browserNetwork(location, iceServers);
}

function isIceServer(value: unknown): value is RTCIceServer {
  const urls = (value as { urls?: unknown } | null)?.urls;
  return (
    typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'))
  );
}
