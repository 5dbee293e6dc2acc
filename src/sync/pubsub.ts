/**
 * Publish/subscribe on named topics: what the lobby needs from the signaling server. Declared
 * here with an in-memory implementation for tests; the signaling implementation (WebSocket,
 * y-webrtc's protocol) plugs in behind the same interface.
 */
export interface PubSub {
  /** Starts delivering the topic's messages to `onMessage`; returns the unsubscribe function. */
  subscribe(topic: string, onMessage: (data: unknown) => void): () => void;
  publish(topic: string, data: unknown): void;
}

/** Delivers synchronously to every subscriber, the publisher included, as the signaling server does. */
export class MemoryPubSub implements PubSub {
  readonly #topics = new Map<string, Set<(data: unknown) => void>>();
  /** Every message published, for tests that look at the traffic. */
  readonly log: { topic: string; data: unknown }[] = [];

  subscribe(topic: string, onMessage: (data: unknown) => void): () => void {
    let handlers = this.#topics.get(topic);
    if (!handlers) this.#topics.set(topic, (handlers = new Set()));
    handlers.add(onMessage);
    return () => handlers.delete(onMessage);
  }

  publish(topic: string, data: unknown): void {
    this.log.push({ topic, data });
    // JSON round trip: what crosses the network is data, never shared objects.
    for (const handler of [...(this.#topics.get(topic) ?? [])])
      handler(JSON.parse(JSON.stringify(data)));
  }
}
