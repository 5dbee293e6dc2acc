/**
 * What every page of the kit shares, made once per page: the one database connection, the kit
 * server's info and the network (each asked for once, when first needed), the language the
 * user picked on this device, and the request to keep the page's storage.
 */
import type { KitInfo } from '../shared/kit-info';
import { KringDb } from '../storage/db';
import { requestPersistentStorage } from '../storage/persistence-request';
import { getSetting, putSetting } from '../storage/settings';
import { fetchKitInfo } from '../sync/kit-info';
import type { Network } from '../sync/network';

export interface PageServicesOptions {
  db?: KringDb;
  fetcher?: typeof fetch;
  location?: Location;
  /** A network of its own (tests: an in-memory one) instead of the kit server's. */
  network?: Network;
}

export class PageServices {
  readonly db: KringDb;
  readonly #fetcher: typeof fetch;
  readonly #location: Location;
  #kit: Promise<KitInfo> | undefined;
  #network: Promise<Network> | undefined;

  constructor(options: PageServicesOptions = {}) {
    this.db = options.db ?? new KringDb();
    this.#fetcher = options.fetcher ?? ((...args) => fetch(...args));
    this.#location = options.location ?? window.location;
    if (options.network) this.#network = Promise.resolve(options.network);
  }

  /** The kit server's info; read once per page (empty when the server cannot be asked). */
  kitInfo(): Promise<KitInfo> {
    return (this.#kit ??= fetchKitInfo(this.#fetcher));
  }

  /** The page's network, with the ICE servers of the kit's info. */
  network(): Promise<Network> {
    // Loaded when a page first connects: the standalone page never downloads the network.
    return (this.#network ??= Promise.all([this.kitInfo(), import('../sync/network')]).then(
      ([info, { browserNetwork }]) => browserNetwork(this.#location, info.iceServers),
    ));
  }

  /** The language picked on this device before (tablets keep it with their data). */
  savedLanguage(): Promise<string | undefined> {
    return getSetting(this.db, 'uiLanguage');
  }

  async saveLanguage(language: string): Promise<void> {
    await putSetting(this.db, 'uiLanguage', language);
  }

  /** Asks the browser to keep this origin's storage (secure contexts only; see storage/). */
  keepStorage(): Promise<boolean> {
    return requestPersistentStorage();
  }
}
