/**
 * The laptop's calls to the study hub's online routes (issue 25; online-routes.ts), with the
 * hub key the laptop syncs with: the study's links (create, change, list), how many envelopes
 * wait, and the envelopes themselves. The hub is another origin than the kit's page: it answers
 * these routes to any origin, the key being what counts.
 */
import type { HubSettings } from '../hub/hub-settings';
import { parseHubKey } from '../../sync/hub-names';
import type { PulledEnvelope } from '../../sync/online-inbox';
import {
  linkViewOf,
  type LinkChange,
  type LinkListing,
  type LinkPut,
  type LinkView,
} from '../../sync/online-wire';

export type { LinkChange, LinkListing, LinkPut, LinkView };

export class HubRefused extends Error {
  constructor(
    readonly status: number,
    readonly refused: string,
  ) {
    super(`the hub refused (${status} ${refused})`);
    this.name = 'HubRefused';
  }
}

export class HubUnreachable extends Error {
  constructor(cause: unknown) {
    super(`the hub cannot be reached (${String(cause)})`);
    this.name = 'HubUnreachable';
  }
}

export class OnlineHubClient {
  readonly study: string;
  /** The hub's HTTP address (its WebSocket address with http for ws). */
  readonly base: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;

  private constructor(base: string, study: string, token: string, fetcher: typeof fetch) {
    this.base = base;
    this.study = study;
    this.#token = token;
    this.#fetch = fetcher;
  }

  /** The client for the hub this laptop syncs with, if its settings are complete. */
  static of(
    settings: HubSettings | undefined,
    fetcher: typeof fetch = (...args) => fetch(...args),
  ): OnlineHubClient | undefined {
    const key = settings && parseHubKey(settings.key);
    if (!settings || !key) return undefined;
    const base = settings.url.replace(/^ws(s?):/i, 'http$1:').replace(/\/+$/, '');
    if (!/^https?:\/\//i.test(base)) return undefined;
    return new OnlineHubClient(base, key.study, key.token, fetcher);
  }

  /** The address respondents open. */
  linkUrl(linkId: string): string {
    return `${this.base}/o/${linkId}`;
  }

  async links(): Promise<LinkListing[]> {
    return (await this.#json<{ links: LinkListing[] }>(`/online/studies/${this.study}/links`))
      .links;
  }

  /** Creates a link (`LinkPut`) or changes one made (`LinkChange`). */
  async putLink(id: string, link: LinkPut | LinkChange): Promise<void> {
    await this.#json(`/online/${id}`, { method: 'PUT', body: JSON.stringify(link) });
  }

  async publicLink(id: string): Promise<LinkView> {
    const view = linkViewOf(await this.#json<unknown>(`/online/${id}`, {}, false), id);
    if (!view) throw new HubRefused(200, 'malformed');
    return view;
  }

  async waiting(after: number): Promise<number> {
    return (
      await this.#json<{ waiting: number }>(`/online/studies/${this.study}/waiting?after=${after}`)
    ).waiting;
  }

  async envelopes(after: number): Promise<{ envelopes: PulledEnvelope[]; more: boolean }> {
    return this.#json(`/online/studies/${this.study}/envelopes?after=${after}`);
  }

  async #json<T>(path: string, init: RequestInit = {}, withKey = true): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.base}${path}`, {
        ...init,
        cache: 'no-store',
        headers: {
          ...(withKey ? { Authorization: `Bearer ${this.#token}` } : {}),
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        },
      });
    } catch (error) {
      throw new HubUnreachable(error);
    }
    const body = (await response.json().catch(() => ({}))) as { refused?: string };
    if (!response.ok) throw new HubRefused(response.status, body.refused ?? 'unknown');
    return body as T;
  }
}
