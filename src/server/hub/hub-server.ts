/**
 * The study hub (`npm run hub`): a Hocuspocus server, the maintained Yjs backend, where the
 * facilitators' laptops of one study meet. Documents are named `kring/<study>/<kind>/<id>`
 * (src/sync/hub-names.ts); a connection must bring a study token (from `npm run hub -- token`)
 * for that study, checked in `onAuthenticate`. Tablets never talk to the hub. State is kept
 * through Hocuspocus's database extension in SQLite (default) or Postgres; with Redis
 * (Hocuspocus's Redis extension) several hub nodes serve the same documents.
 *
 * A key holder is trusted with the study, not with the hub (issue 19): frames and documents are
 * capped (Hocuspocus's own frame limit is about 100 MiB, and every laptop downloads what a
 * document holds), and names a client chose reach the log escaped and cut.
 */
import { Database } from '@hocuspocus/extension-database';
import { Server, type Extension } from '@hocuspocus/server';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { appAssets } from '../app-assets.ts';
import { logSafe } from '../log-safe.ts';
import { studyOfDocument } from '../../sync/hub-names.ts';
import { SqliteHubStore, type HubStore } from './hub-store.ts';
import { DROP_LIMITS, OnlineDrop, type DropLimits } from './online-drop.ts';
import { handleOnline, type OnlineRoutes } from './online-routes.ts';

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
  limits?: Partial<HubLimits>;
  /** The built app (`dist`): served to online links' respondents (issue 25); none: not served. */
  distDir?: string;
  /** Behind a reverse proxy: count respondents by the address it forwards (online-routes.ts). */
  behindProxy?: boolean;
  /** The online drop's caps (issue 25). */
  onlineLimits?: Partial<DropLimits>;
  log?: (message: string) => void;
}

export interface HubLimits {
  /** The largest WebSocket frame (a laptop's first push of a whole session is one update). */
  maxFrameBytes: number;
  /** What one document may hold; an update past it is refused and its connection closed. */
  maxDocumentBytes: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = {
  maxFrameBytes: 8 * 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
};

export interface Hub {
  url: string;
  port: number;
  store: HubStore;
  close(): Promise<void>;
}

/** Why a connection was refused (the provider's `onAuthenticationFailed` gets it). */
export const REFUSED = 'refused: a valid study token is needed for this study';
/** What the hub's own address answers. */
export const HUB_HOME =
  'Kring study hub. Respondents open the address of their online link (/o/…); facilitators give this address on their kit page.\n';

/** Why an update was refused. */
export const TOO_LARGE = 'refused: the document would pass its size limit';

export async function startHub(options: HubOptions): Promise<Hub> {
  if (!options.store && !options.dataFile) throw new Error('the hub needs a data file or a store');
  const store = options.store ?? new SqliteHubStore(options.dataFile!);
  const log = options.log ?? (() => {});
  const limits = { ...DEFAULT_HUB_LIMITS, ...options.limits };
  /** Each loaded document's size: its state when loaded, plus every change since. */
  const sizes = new Map<string, number>();
  // Online links' envelopes live in the hub's database beside the documents.
  const dropLimits = { ...DROP_LIMITS, ...options.onlineLimits };
  const online: OnlineRoutes = {
    store: store.drop,
    drop: new OnlineDrop(store.drop, dropLimits),
    tokens: store,
    maxEnvelopeBytes: dropLimits.maxEnvelopeBytes,
    behindProxy: options.behindProxy === true,
  };
  // The respondents' page: the app, where its link's address (`/o/<link>`) opens it.
  const app = options.distDir ? appAssets(options.distDir) : undefined;
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
  const server = new Server(
    {
      port: options.port,
      address: options.host ?? '0.0.0.0',
      quiet: true,
      stopOnSignals: false,
      extensions,
      async onAuthenticate({ token, documentName }) {
        const study = studyOfDocument(documentName);
        const granted = token ? await store.tokenOf(token) : undefined;
        if (!study || !granted || granted.study !== study) {
          log(`refused ${logSafe(documentName, 120)}`);
          throw new Error(REFUSED);
        }
        return { study, label: granted.label };
      },
      afterLoadDocument({ documentName, document }) {
        sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
        return Promise.resolve();
      },
      beforeHandleMessage({ documentName, update }) {
        const size = sizes.get(documentName) ?? 0;
        if (size + update.byteLength <= limits.maxDocumentBytes) return Promise.resolve();
        log(`refused an update to ${documentName}: the document would pass its size limit`);
        return Promise.reject(
          Object.assign(new Error(TOO_LARGE), { code: 4009, reason: TOO_LARGE }),
        );
      },
      onChange({ documentName, update }) {
        sizes.set(documentName, (sizes.get(documentName) ?? 0) + update.byteLength);
        return Promise.resolve();
      },
      async onRequest({ request, response }) {
        if (!request.url?.startsWith('/online/')) {
          if (!app) return;
          // The hub's own address is no page of the app (a tablet's start would send it to a
          // session's join page, which the hub does not run): it says what it is. (Not
          // /index.html: the service worker keeps the app from there, for `/o/<link>` offline.)
          if (request.url === '/') {
            response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
            response.end(HUB_HOME);
          } else app(request, response);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          return Promise.reject();
        }
        try {
          await handleOnline(online, request, response);
        } catch (error) {
          // A failing database must not take the hub down: this request fails, said so.
          log(`online request failed: ${logSafe(String(error), 200)}`);
          if (!response.headersSent)
            response.writeHead(500, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ refused: 'hubError' }));
        }
        // Answered: an empty rejection is Hocuspocus's way to skip its default reply.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        return Promise.reject();
      },
      afterUnloadDocument({ documentName }) {
        sizes.delete(documentName);
        return Promise.resolve();
      },
    },
    { maxPayload: limits.maxFrameBytes },
  );
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
