import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin } from 'vite';
import { RelayServer } from '../src/server/relay.ts';
import { SignalingServer } from '../src/server/signaling.ts';

/** Serves `/signal` and `/relay` from the Vite dev and preview servers, as the kit server does. */
export function signaling(): Plugin {
  const attach = (httpServer: import('node:http').Server | null) => {
    if (!httpServer) return;
    const log = (message: string) => console.log(message);
    const server = new SignalingServer({ log });
    const relay = new RelayServer({ log });
    httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/signal') server.handleUpgrade(req, socket, head);
      if (path === '/relay') relay.handleUpgrade(req, socket, head);
    });
    httpServer.on('close', () => void Promise.all([server.close(), relay.close()]));
  };
  return {
    name: 'kring-signaling',
    configureServer: (server) => attach(server.httpServer as import('node:http').Server | null),
    configurePreviewServer: (server) =>
      attach(server.httpServer as import('node:http').Server | null),
  };
}
