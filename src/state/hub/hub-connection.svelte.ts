/**
 * The facilitator pages' one hub connection: reads the settings at start, connects when they
 * are on, and loads the hub's client (Hocuspocus's provider) only then, so a laptop without a
 * hub never downloads it. Pages read `imported()` in an effect to refresh what they show when the
 * hub brought data in.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { KringDb } from '../../storage/db';
import { loadHubSettings, saveHubSettings, type HubSettings } from './hub-settings';
import type { HubSync } from './hub-sync.svelte';
import { throttled } from '../../shared/throttled';

export class HubConnection {
  settings = $state.raw<HubSettings | undefined>();
  sync = $state.raw<HubSync | undefined>();

  readonly #db: KringDb;
  #loading: Promise<HubSync> | undefined;
  /** Follows the sync's imports while a page reads them (nothing to follow before it starts). */
  #followImports = $state.raw<() => void>(() => undefined);

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

  /**
   * Read in an effect: the effect runs again whenever the hub brought sessions or responses into
   * this laptop, at most twice a second (refreshing a study's results is not free).
   */
  imported(): void {
    this.#followImports();
  }

  destroy(): void {
    this.sync?.stop();
  }

  async #start(settings: HubSettings): Promise<void> {
    // One HubSync, however many starts come while its module loads.
    this.#loading ??= import('./hub-sync.svelte').then(({ HubSync }) => {
      const sync = new HubSync(this.#db);
      this.#followImports = createSubscriber((update) => {
        const notify = throttled(update, 500);
        const stop = sync.onImported(() => notify.schedule());
        return () => {
          stop();
          notify.cancel();
        };
      });
      return (this.sync = sync);
    });
    await (await this.#loading).start(settings);
  }
}
