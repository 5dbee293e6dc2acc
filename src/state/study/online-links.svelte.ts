/**
 * The study page's online links (issue 25): what the hub lists, whether this laptop holds the
 * study's key, how many envelopes wait, and the actions on them (create, close and reopen a
 * link; export and import the key file; fetch the responses). Every call that can fail leaves a
 * problem to show and changes nothing else.
 */
import { nanoid } from 'nanoid';
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { toBase64Url } from '../../sync/admission';
import { codeHash, newAccessCodes } from '../../sync/online-codes';
import type { HubSettings } from '../hub/hub-settings';
import type { SetAsideResponse } from './online-responses';
import { HubRefused, OnlineHubClient, type LinkListing, type LinkPut } from './online-hub-client';
import {
  pulledUpTo,
  pullOnline,
  setAsideOf,
  unopenedOf,
  type PullOutcome,
  type UnopenedEnvelope,
} from './online-pull';
import {
  exportStudyKey,
  importStudyKey,
  loadStudyKey,
  studyKeyFor,
  type KeyImport,
} from './study-key';

declare module '../../storage/settings' {
  interface Settings {
    /** The access codes of a link made on this laptop, to print again (the hub has hashes). */
    [codes: `onlineCodes:${string}`]: string[];
  }
}

export type OnlineProblem = 'unreachable' | 'keyRefused' | 'otherKey' | 'failed';

export interface NewLink {
  label: string;
  definition: string;
  opensAt?: number;
  closesAt?: number;
  /** How many one-time access codes (0: one response per browser). */
  codes: number;
}

export class OnlineLinks {
  links = $state.raw<LinkListing[]>([]);
  /** This laptop's study key's public half (base64url), if it holds it. */
  publicKey = $state<string | undefined>();
  waiting = $state<number | undefined>();
  unopened = $state.raw<UnopenedEnvelope[]>([]);
  setAside = $state.raw<SetAsideResponse[]>([]);
  problem = $state<OnlineProblem | undefined>();
  pulling = $state<{ done: number; total: number } | undefined>();
  lastPull = $state.raw<PullOutcome | undefined>();

  readonly client: OnlineHubClient;
  readonly #db: KringDb;

  constructor(db: KringDb, client: OnlineHubClient) {
    this.#db = db;
    this.client = client;
  }

  static of(db: KringDb, settings: HubSettings | undefined): OnlineLinks | undefined {
    const client = OnlineHubClient.of(settings);
    return client && new OnlineLinks(db, client);
  }

  get study(): string {
    return this.client.study;
  }

  /** Another key than this laptop's is in the study's links: its key file must be imported. */
  get keyElsewhere(): boolean {
    return this.links.some((l) => l.publicKey !== this.publicKey);
  }

  /** Reads the links, the key and the count of waiting envelopes. */
  async refresh(): Promise<void> {
    const key = await loadStudyKey(this.#db, this.study);
    this.publicKey = key && toBase64Url(key.publicKey);
    this.unopened = await unopenedOf(this.#db, this.study);
    this.setAside = await setAsideOf(this.#db, this.study);
    await this.#call(async () => {
      this.links = await this.client.links();
      this.waiting = await this.client.waiting(await pulledUpTo(this.#db, this.study));
    });
  }

  /** Creates a link (and the study's key, with its first link); its codes, if it has them. */
  async create(link: NewLink): Promise<{ id: string; codes: string[] } | undefined> {
    if (!this.publicKey && this.links.length > 0) {
      this.problem = 'otherKey';
      return undefined;
    }
    const id = nanoid();
    const codes = newAccessCodes(link.codes);
    const made = await this.#call(async () => {
      const key = await studyKeyFor(this.#db, this.study);
      if (codes.length > 0) await putSetting(this.#db, `onlineCodes:${id}`, codes);
      const put: LinkPut = {
        label: link.label,
        publicKey: toBase64Url(key.publicKey),
        definition: link.definition,
        opensAt: link.opensAt ?? null,
        closesAt: link.closesAt ?? null,
        codes: codes.length > 0 ? codes.map((c) => codeHash(id, c)) : null,
      };
      await this.client.putLink(id, put);
      return true;
    });
    if (!made) return undefined;
    await this.refresh();
    return { id, codes };
  }

  /** Closes a link at once, or opens it again. */
  async setRevoked(link: LinkListing, revoked: boolean): Promise<void> {
    await this.#call(async () => {
      await this.client.putLink(link.id, {
        label: link.label,
        opensAt: link.opensAt ?? null,
        closesAt: link.closesAt ?? null,
        revoked,
      });
    });
    await this.refresh();
  }

  codesOf(linkId: string): Promise<string[] | undefined> {
    return getSetting(this.#db, `onlineCodes:${linkId}`);
  }

  async pull(): Promise<void> {
    const key = await loadStudyKey(this.#db, this.study);
    if (!key) return;
    this.pulling = { done: 0, total: this.waiting ?? 0 };
    await this.#call(async () => {
      this.lastPull = await pullOnline(this.#db, this.client, key, (done) => {
        this.pulling = { done, total: Math.max(done, this.pulling?.total ?? 0) };
      });
    });
    this.pulling = undefined;
    await this.refresh();
  }

  async importKey(text: string, passphrase: string): Promise<KeyImport> {
    const read = await importStudyKey(this.#db, this.study, text, passphrase);
    if (read.ok) await this.refresh();
    return read;
  }

  exportKey(passphrase: string): Promise<string | undefined> {
    return exportStudyKey(this.#db, this.study, passphrase);
  }

  async #call<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await run();
      this.problem = undefined;
      return result;
    } catch (error) {
      this.problem =
        error instanceof HubRefused
          ? error.status === 401 || error.status === 403
            ? 'keyRefused'
            : 'failed'
          : error instanceof Error && error.name === 'HubUnreachable'
            ? 'unreachable'
            : 'failed';
      return undefined;
    }
  }
}
