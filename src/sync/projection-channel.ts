/**
 * What the beamer shows, and how the facilitator's window tells it: a BroadcastChannel between
 * two windows of the same browser on the laptop. Only aggregates cross it (chart specs, counts,
 * approved open answers): the projection window never holds a response.
 */
import type { ChartSpec } from '../domain/results/chart-spec';

export type ProjectedSlide =
  | { kind: 'blank' }
  | {
      kind: 'join';
      title: string;
      code: string;
      /** The facilitator's check code, for tablets that typed the code (admission.ts). */
      check: string;
      /** The address with the code and the key's fingerprint, for the QR code. */
      url: string;
      /** The address to type ("http://10.0.0.5:8080/j"), then the code. */
      shortUrl: string;
      submitted: number;
      started: number;
    }
  | {
      kind: 'result';
      title: string;
      /** Respondents behind the chart. */
      n: number;
      /** Not revealed yet: the facilitator shows the question first. */
      concealed: boolean;
      /** Too few respondents to show without risking who said what. */
      hidden?: { n: number; k: number };
      spec?: ChartSpec;
      note?: string;
    }
  | {
      kind: 'discussion';
      prompt: string;
      /** Approved reactions, most supported first. */
      reactions: { text: string; votes: number }[];
      agree: number;
      disagree: number;
    }
  | {
      kind: 'open';
      title: string;
      concealed: boolean;
      /** `role` only where at least k respondents have it (projectableRole). */
      /** Identical answers once, with how many gave them (`count`). */
      answers: { text: string; count: number; role: string | undefined; highlighted: boolean }[];
    };

export type ToProjection = { type: 'slide'; slide: ProjectedSlide };
export type ProjectionKey = 'next' | 'prev' | 'reveal' | 'freeze' | 'blank';

const KEYS: Record<string, ProjectionKey> = {
  ArrowRight: 'next',
  ArrowLeft: 'prev',
  r: 'reveal',
  f: 'freeze',
  b: 'blank',
};
/** What a presenter's clicker sends; only the beamer window takes these (on a page they scroll). */
const CLICKER_KEYS: Record<string, ProjectionKey> = {
  ' ': 'next',
  PageDown: 'next',
  PageUp: 'prev',
  '.': 'blank',
};

/**
 * The remote's key for a key press, the same in the facilitator's and the beamer's window;
 * `clicker` adds a presenter clicker's keys. None with Ctrl, Alt or Meta held.
 */
export function projectionKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  clicker = false,
): ProjectionKey | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return KEYS[key] ?? (clicker ? CLICKER_KEYS[key] : undefined);
}
export type FromProjection = { type: 'hello' } | { type: 'key'; key: ProjectionKey };

type Message = ToProjection | FromProjection;

/** One session's projection channel; both windows open it with the session id. */
export class ProjectionChannel {
  readonly #channel: BroadcastChannel;

  constructor(sessionId: string, create = (name: string) => new BroadcastChannel(name)) {
    this.#channel = create(`kring-projection-${sessionId}`);
  }

  post(message: Message): void {
    // A slide is plain data ($state proxies are not cloneable): copy it as JSON.
    this.#channel.postMessage(JSON.parse(JSON.stringify(message)) as Message);
  }

  listen(onMessage: (message: Message) => void): () => void {
    const handler = (event: MessageEvent<Message>) => onMessage(event.data);
    this.#channel.addEventListener('message', handler);
    return () => this.#channel.removeEventListener('message', handler);
  }

  close(): void {
    this.#channel.close();
  }
}
