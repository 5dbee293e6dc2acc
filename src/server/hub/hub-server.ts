/**
 * The study hub (`npm run hub`): a Hocuspocus server, the maintained Yjs backend, where the
 * facilitators' laptops of one study meet. Documents are named `kring/<study>/<kind>/<id>`
 * (src/sync/hub-names.ts); a connection must bring a study token (from `npm run hub -- token`)
 * for that study, checked in `onAuthenticate`. Tablets never talk to the hub. State is kept
 * through Hocuspocus's database extension in SQLite (default) or Postgres; with Redis
 * (Hocuspocus's Redis extension) several hub nodes serve the same documents.
 */
import { Database } from '@hocuspocus/extension-database';
import { Server, type Extension } from '@hocuspocus/server';
import type { AddressInfo } from 'node:net';
import { studyOfDocument } from '../../sync/hub-names.ts';
import { SqliteHubStore, type HubStore } from './hub-store.ts';

export { hubDocumentName } from '../../sync/hub-names.ts';

export interface HubOptions {
  port: number;
  host?: string;
  /** The SQLite file (created if missing), unless `store` is given. */
  dataFile?: string;
  /** Another store (Postgres, for several nodes); the hub closes it when it stops. */
  store?: HubStore;
  /** Redis, for several hub nodes serving the same documents. */
  redis?: { host: string; port: number };
  log?: (message: string) => void;
}

export interface Hub {
  url: string;
  port: number;
  store: HubStore;
  close(): Promise<void>;
}

/** Why a connection was refused (the provider's `onAuthenticationFailed` gets it). */
export const REFUSED = 'refused: a valid study token is needed for this study';

export async function startHub(options: HubOptions): Promise<Hub> {
  if (!options.store && !options.dataFile) throw new Error('the hub needs a data file or a store');
  const store = options.store ?? new SqliteHubStore(options.dataFile!);
  const log = options.log ?? (() => {});
  const extensions: Extension[] = [
    new Database({
      fetch: ({ documentName }) => store.fetch(documentName),
      store: ({ documentName, state }) => store.store(documentName, state),
    }),
  ];
  if (options.redis) {
    // Loaded only when asked for: a single hub needs neither the extension nor ioredis.
    const { Redis } = await import('@hocuspocus/extension-redis');
    extensions.push(new Redis({ host: options.redis.host, port: options.redis.port }));
  }
  const server = new Server({
    port: options.port,
    address: options.host ?? '0.0.0.0',
    quiet: true,
    stopOnSignals: false,
    extensions,
    async onAuthenticate({ token, documentName }) {
      const study = studyOfDocument(documentName);
      const granted = token ? await store.tokenOf(token) : undefined;
      if (!study || !granted || granted.study !== study) {
        log(`refused ${documentName}`);
        throw new Error(REFUSED);
      }
      return { study, label: granted.label };
    },
  });
  await server.listen();
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    url: `ws://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    port,
    store,
    async close() {
      await server.destroy(); // stores every loaded document first
      // Hocuspocus leaves the sockets open (one socket carries several documents): end them, as
      // a stopped process would, so that laptops reconnect to whatever listens next.
      for (const socket of server.webSocketServer.clients) socket.terminate();
      server.httpServer.closeAllConnections();
      await store.close();
    },
  };
}
