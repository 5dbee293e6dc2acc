/**
 * The laptop's connection to a study hub: one WebSocket (Hocuspocus's provider, the maintained
 * client of the hub's server) carrying every document of the study, each a Y.Doc kept in sync
 * while the hub is reachable. The provider reconnects by itself and exchanges state vectors on
 * every reconnect, so what changed offline on either side arrives. Loaded only on the laptop.
 */
import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type * as Y from 'yjs';

export type HubLinkStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'offline' }
  | { kind: 'refused'; reason: string };

export interface HubLinkOptions {
  url: string;
  token: string;
  /** A WebSocket class where there is none (Node 20). */
  WebSocketPolyfill?: unknown;
  /** The longest wait between reconnection attempts. */
  maxDelayMs?: number;
}

export interface HubDocument {
  readonly doc: Y.Doc;
  /** Whether the hub's state has been received since the last (re)connection. */
  readonly synced: boolean;
  /** Local changes the hub has not confirmed yet. */
  readonly unsent: number;
}

type Listener = () => void;

export class HubLink {
  #status: HubLinkStatus = { kind: 'connecting' };
  readonly #socket: HocuspocusProviderWebsocket;
  readonly #Provider: typeof HocuspocusProvider;
  readonly #token: string;
  readonly #providers = new Map<string, HocuspocusProvider>();
  readonly #listeners = new Set<Listener>();

  private constructor(
    socket: HocuspocusProviderWebsocket,
    Provider: typeof HocuspocusProvider,
    token: string,
  ) {
    this.#socket = socket;
    this.#Provider = Provider;
    this.#token = token;
    socket.on('status', ({ status }: { status: string }) => {
      // After the event, not in it: the socket sends its status before it notes the open
      // connection, so a document attached from inside the event would never be opened.
      queueMicrotask(() => {
        if (this.#status.kind === 'refused') return;
        this.#status =
          status === 'connected'
            ? { kind: 'connected' }
            : status === 'connecting'
              ? { kind: 'connecting' }
              : { kind: 'offline' };
        this.#changed();
      });
    });
  }

  static async open(options: HubLinkOptions): Promise<HubLink> {
    const { HocuspocusProvider, HocuspocusProviderWebsocket } =
      await import('@hocuspocus/provider');
    const socket = new HocuspocusProviderWebsocket({
      url: options.url,
      maxDelay: options.maxDelayMs ?? 10_000,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    return new HubLink(socket, HocuspocusProvider, options.token);
  }

  get status(): HubLinkStatus {
    return this.#status;
  }

  /** Calls `listener` on every change of status, sync state or unsent changes. */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Keeps `doc` in sync with the hub's document `name` (once per name). */
  attach(name: string, doc: Y.Doc): HubDocument {
    let provider = this.#providers.get(name);
    if (!provider) {
      provider = new this.#Provider({
        websocketProvider: this.#socket,
        name,
        document: doc,
        token: this.#token,
        awareness: null, // nothing to show of who is where; it would only add traffic
        onAuthenticationFailed: ({ reason }) => this.#refuse(reason),
        onSynced: () => this.#changed(),
        onUnsyncedChanges: () => this.#changed(),
      });
      provider.attach(); // a shared socket does not attach its providers by itself
      this.#providers.set(name, provider);
    }
    const attached = provider;
    return {
      doc: attached.document,
      get synced() {
        return attached.isSynced;
      },
      get unsent() {
        return attached.unsyncedChanges;
      },
    };
  }

  /** Whether every attached document has the hub's state and nothing left to send. */
  get allSynced(): boolean {
    return [...this.#providers.values()].every((p) => p.isSynced && p.unsyncedChanges === 0);
  }

  get documents(): number {
    return this.#providers.size;
  }

  destroy(): void {
    for (const provider of this.#providers.values()) provider.destroy();
    this.#providers.clear();
    this.#socket.destroy();
    this.#listeners.clear();
  }

  #refuse(reason: string): void {
    this.#status = { kind: 'refused', reason };
    // A refused key stays refused: stop trying (the facilitator fixes the key and starts again).
    for (const provider of this.#providers.values()) provider.destroy();
    this.#providers.clear();
    this.#socket.disconnect();
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
