/**
 * The study hub (`npm run hub`): a Hocuspocus server, the maintained Yjs backend, where the
 * facilitators' laptops of one study meet. Documents are named `kring/<study>/<kind>/<id>`
 * (`session` or `coding`); a connection must bring a study token (from `npm run hub -- token`)
 * for that study, checked in `onAuthenticate`. Tablets never talk to the hub. State is kept in
 * SQLite through Hocuspocus's database extension.
 */
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import type { AddressInfo } from 'node:net';
import { HubStore, ID } from './hub-store.ts';

export const DOCUMENT_NAME = new RegExp(`^kring/(${ID})/(session|coding)/(${ID})$`);

/** The hub's name for a study's document. */
export function hubDocumentName(study: string, kind: 'session' | 'coding', id: string): string {
  const name = `kring/${study}/${kind}/${id}`;
  if (!DOCUMENT_NAME.test(name)) throw new Error(`not a hub document name: ${name}`);
  return name;
}

export interface HubOptions {
  port: number;
  host?: string;
  /** The SQLite file (created if missing). */
  dataFile: string;
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
  const store = new HubStore(options.dataFile);
  const log = options.log ?? (() => {});
  const server = new Server({
    port: options.port,
    address: options.host ?? '0.0.0.0',
    quiet: true,
    stopOnSignals: false,
    extensions: [
      new Database({
        fetch: ({ documentName }) => Promise.resolve(store.fetch(documentName)),
        store: ({ documentName, state }) => Promise.resolve(store.store(documentName, state)),
      }),
    ],
    onAuthenticate({ token, documentName }) {
      const study = DOCUMENT_NAME.exec(documentName)?.[1];
      const granted = token ? store.tokenOf(token) : undefined;
      if (!study || !granted || granted.study !== study) {
        log(`refused ${documentName}`);
        return Promise.reject(new Error(REFUSED));
      }
      return Promise.resolve({ study, label: granted.label });
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
      store.close();
    },
  };
}
