/**
 * A WebSocket to the kit server that comes back by itself: after a close it connects again with
 * a growing delay (a dropped Wi-Fi, a kit server restart). What is sent while it is down is
 * dropped; its users say hello again on `onOpen`. Used by the lobby (signaling-pubsub.ts) and
 * the relay (relay-socket.ts).
 */

/** The part of the WebSocket API used here (the browser's, or `ws` in Node tests). */
export interface SocketLike {
  readonly readyState: number;
  binaryType?: string;
  send(data: string | Uint8Array): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface ReconnectingSocketOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Every (re)connection. */
  onOpen?: () => void;
  onClose?: () => void;
  onMessage?: (data: unknown) => void;
  retryDelayMs?: { first: number; max: number };
}

const OPEN = 1;

export class ReconnectingSocket {
  readonly #o: ReconnectingSocketOptions;
  #socket: SocketLike | undefined;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(options: ReconnectingSocketOptions) {
    this.#o = options;
    this.#delay = this.#firstDelay;
    this.#connect();
  }

  get connected(): boolean {
    return this.#socket?.readyState === OPEN;
  }

  /** Sends now if the socket is open; false (dropped) if it is not. */
  send(data: string | Uint8Array): boolean {
    if (!this.connected) return false;
    this.#socket!.send(data);
    return true;
  }

  destroy(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.close();
  }

  get #firstDelay(): number {
    return this.#o.retryDelayMs?.first ?? 500;
  }

  #connect(): void {
    const create =
      this.#o.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    const socket = create(this.#o.url);
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    socket.onopen = () => {
      this.#delay = this.#firstDelay;
      this.#o.onOpen?.();
    };
    socket.onmessage = (event) => this.#o.onMessage?.(event.data);
    socket.onerror = () => socket.close();
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#o.onClose?.();
      if (this.#stopped) return;
      this.#timer = setTimeout(() => this.#connect(), this.#delay);
      this.#delay = Math.min(this.#delay * 2, this.#o.retryDelayMs?.max ?? 10_000);
    };
  }
}
