/**
 * The kit server: serves the built app (precompressed, hashed assets cached for a year) and,
 * on the same port, the signaling endpoint `/signal` (WebSocket, y-webrtc's protocol) and the
 * relay `/relay` (sealed sync messages, for devices WebRTC cannot connect). It keeps no survey
 * data. Every connection is guarded: idle timeouts and caps per address (connection-guard.ts,
 * guarded-sockets.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  DEFAULT_CONNECTION_LIMITS,
  guardConnections,
  type ConnectionLimits,
} from './connection-guard';
import { KIT_INFO_PATH, type KitInfo } from '../shared/kit-info.ts';
import { appAssets, hasBuiltApp } from './app-assets';
import { lanAddresses } from './lan';
import { RelayServer, type RelayOptions } from './relay';
import { SignalingServer, type SignalingOptions } from './signaling';

export interface KitServerOptions {
  distDir: string;
  port: number;
  host?: string;
  /** Addresses to advertise to participants (default: this machine's LAN addresses). */
  lan?: () => string[];
  signaling?: SignalingOptions;
  /** The relay's limits; origins and log come from `signaling` unless given here. */
  relay?: RelayOptions;
  /**
   * ICE servers for the WebRTC connections, told to every page through `/kit.json` (default
   * none: a classroom has no internet, and on one local network none is needed).
   */
  iceServers?: string[];
  /** Idle timeout and connections per address for TCP (connection-guard.ts). */
  connections?: Partial<ConnectionLimits>;
}

export interface KitServer {
  server: Server;
  signaling: SignalingServer;
  relay: RelayServer;
  port: number;
  facilitatorUrl: string;
  participantUrls: string[];
  close(): Promise<void>;
}

export async function startKitServer(options: KitServerOptions): Promise<KitServer> {
  if (!hasBuiltApp(options.distDir)) {
    throw new Error(
      `No built app in ${options.distDir}: run "npm run build" (npm start does it for you).`,
    );
  }
  const lan = options.lan ?? lanAddresses;
  const assets = appAssets(options.distDir);

  let port = options.port;
  const urls = () => lan().map((address) => `http://${address}:${port}/`);
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === KIT_INFO_PATH) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      const info: KitInfo = {
        participantUrls: urls(),
        iceServers: (options.iceServers ?? []).map((url) => ({ urls: url })),
      };
      res.end(JSON.stringify(info));
      return;
    }
    assets(req, res);
  };

  const server = createServer(handle);
  guardConnections(server, { ...DEFAULT_CONNECTION_LIMITS, ...options.connections });
  const signaling = new SignalingServer(options.signaling);
  const { allowedOrigins, log } = options.signaling ?? {};
  const relay = new RelayServer({
    ...(allowedOrigins ? { allowedOrigins } : {}),
    ...(log ? { log } : {}),
    ...options.relay,
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/signal') signaling.handleUpgrade(req, socket, head);
    else if (path === '/relay') relay.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    signaling,
    relay,
    port,
    facilitatorUrl: `http://localhost:${port}/facilitator`,
    participantUrls: urls(),
    close: async () => {
      await Promise.all([signaling.close(), relay.close()]);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
