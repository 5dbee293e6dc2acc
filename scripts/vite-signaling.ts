import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin } from 'vite';
import { SignalingServer } from '../src/server/signaling.ts';

/** Serves `/signal` from the Vite dev and preview servers, as the kit server does. */
export function signaling(): Plugin {
  const attach = (httpServer: import('node:http').Server | null) => {
    if (!httpServer) return;
    const server = new SignalingServer({ log: (message) => console.log(message) });
    httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if ((req.url ?? '').split('?')[0] === '/signal') server.handleUpgrade(req, socket, head);
    });
    httpServer.on('close', () => void server.close());
  };
  return {
    name: 'kring-signaling',
    configureServer: (server) => attach(server.httpServer as import('node:http').Server | null),
    configurePreviewServer: (server) =>
      attach(server.httpServer as import('node:http').Server | null),
  };
}
