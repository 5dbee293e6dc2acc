/**
 * Strangers in a session's lobby, as a second client of the kit server on the school network
 * would be: they speak the lobby's messages over `/signal` from Node, with keys of their own.
 */
import WebSocket from 'ws';
import {
  checkCode,
  lobbyDeviceId,
  lobbyTopic,
  newKeyPair,
  toBase64Url,
} from '../../src/sync/admission';
import { LobbyHost } from '../../src/sync/lobby-host';
import { eventually } from '../fixtures/settle';
import { SignalingPubSub, type SocketLike } from '../../src/sync/signaling-pubsub';

export function signalingPubSub(url: string): SignalingPubSub & { destroy(): void } {
  return new SignalingPubSub({
    url,
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
  });
}

/** Resolves once the pubsub's socket is open. */
export function connected(pubsub: SignalingPubSub): Promise<void> {
  return eventually(() => pubsub.connected, 'the stranger to reach /signal', 5000);
}

export interface FakeLaptop {
  /** The check code a tablet would show for it. */
  checkCode: string;
  /** Devices that said hello to it. */
  readonly heard: number;
  stop(): void;
}

/**
 * A laptop posing as the facilitator of `joinCode` (which it read off the beamer): it answers
 * every hello and admits everyone, and re-announces itself every `everyMs` to be the first a
 * tablet hears.
 */
export async function fakeLaptop(url: string, joinCode: string, everyMs = 25): Promise<FakeLaptop> {
  const pubsub = signalingPubSub(url);
  await connected(pubsub);
  const keys = newKeyPair();
  const host = new LobbyHost({ pubsub, joinCode, sessionId: 'fake-session', keys });
  const timer = setInterval(() => host.announce(), everyMs);
  return {
    checkCode: checkCode(keys.publicKey),
    get heard() {
      return host.devices.length;
    },
    stop() {
      clearInterval(timer);
      host.destroy();
      pubsub.destroy();
    },
  };
}

/** Made-up hellos on a session's lobby: `count` devices (each with an id that fits its key) that never come back. */
export async function helloFlood(
  url: string,
  joinCode: string,
  count: number,
  perSecond: number,
): Promise<() => void> {
  const pubsub = signalingPubSub(url);
  await connected(pubsub);
  const topic = lobbyTopic(joinCode);
  let sent = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond / 10 && sent < count; i++, sent++) {
      const { publicKey } = newKeyPair();
      pubsub.publish(topic, {
        kind: 'hello',
        v: 1,
        deviceId: lobbyDeviceId(publicKey, joinCode),
        publicKey: toBase64Url(publicKey),
      });
    }
  }, 100);
  return () => {
    clearInterval(timer);
    pubsub.destroy();
  };
}

/** Someone listening in a session's lobby: the hellos it heard, by device id. */
export async function lobbyListener(
  url: string,
  joinCode: string,
): Promise<{ helloIds: () => string[]; say: (message: unknown) => void; stop: () => void }> {
  const pubsub = signalingPubSub(url);
  await connected(pubsub);
  const topic = lobbyTopic(joinCode);
  const ids = new Set<string>();
  const unsubscribe = pubsub.subscribe(topic, (data) => {
    const message = data as { kind?: unknown; deviceId?: unknown };
    if (message.kind === 'hello' && typeof message.deviceId === 'string') ids.add(message.deviceId);
  });
  return {
    helloIds: () => [...ids],
    say: (message) => pubsub.publish(topic, message),
    stop: () => {
      unsubscribe();
      pubsub.destroy();
    },
  };
}

/** A hello that claims `deviceId` with a key of the stranger's own. */
export function squattingHello(deviceId: string) {
  return { kind: 'hello', v: 1, deviceId, publicKey: toBase64Url(newKeyPair().publicKey) };
}
