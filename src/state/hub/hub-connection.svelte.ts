/**
 * The facilitator pages' one hub connection: reads the settings at start, connects when they
 * are on, and loads the hub's client (Hocuspocus's provider) only then, so a laptop without a
 * hub never downloads it. Pages listen for data the hub brought, to refresh what they show.
 */
import type { KringDb } from '../../storage/db';
import { loadHubSettings, saveHubSettings, type HubSettings } from './hub-settings';
import type { HubSync } from './hub-sync.svelte';
import { throttled } from '../../shared/throttled';

export class HubConnection {
  settings = $state.raw<HubSettings | undefined>();
  sync = $state.raw<HubSync | undefined>();

  readonly #db: KringDb;
  #loading: Promise<HubSync> | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state
  readonly #listeners = new Set<() => void>();
  /** The pages are told at most twice a second: refreshing a study's results is not free. */
  readonly #notify = throttled(() => this.#listeners.forEach((listener) => listener()), 500);

  constructor(db: KringDb) {
    this.#db = db;
  }

  /** Starts syncing if this laptop was syncing when it was last used. */
  async init(): Promise<void> {
    this.settings = await loadHubSettings(this.#db);
    if (this.settings?.on) await this.#start(this.settings);
  }

  /** Saves these settings and connects with them. */
  async connect(url: string, key: string): Promise<void> {
    const settings = { url: url.trim(), key: key.trim(), on: true };
    await saveHubSettings(this.#db, settings);
    this.settings = settings;
    await this.#start(settings);
  }

  /** Stops syncing (the settings stay, switched off). */
  async stop(): Promise<void> {
    this.sync?.stop();
    if (!this.settings) return;
    this.settings = { ...this.settings, on: false };
    await saveHubSettings(this.#db, this.settings);
  }

  /** Calls `listener` whenever the hub brought sessions or responses into this laptop. */
  onImported(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.sync?.stop();
    this.#listeners.clear();
    this.#notify.cancel();
  }

  async #start(settings: HubSettings): Promise<void> {
    // One HubSync, however many starts come while its module loads.
    this.#loading ??= import('./hub-sync.svelte').then(({ HubSync }) => {
      const sync = new HubSync(this.#db);
      sync.onImported(() => this.#notify.schedule());
      return (this.sync = sync);
    });
    await (await this.#loading).start(settings);
  }
}
