/**
 * The built app as a request handler (precompressed, hashed assets cached for a year, every
 * other path answered with index.html): what the kit server and the study hub both serve.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export type AppHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Whether `distDir` holds a built app. */
export const hasBuiltApp = (distDir: string) => existsSync(`${distDir}/index.html`);

export function appAssets(distDir: string): AppHandler {
  const assets = sirv(distDir, {
    dev: false,
    etag: true,
    gzip: true,
    brotli: true,
    single: true,
    setHeaders(res, pathname) {
      // Hashed file names never change; everything else must be revalidated (index.html, sw.js).
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    // A missing asset is a 404, not the app's page in its place.
    if (path?.startsWith('/assets/') && !/\.\w+$/.test(path)) {
      res.writeHead(404).end();
      return;
    }
    assets(req, res, () => {
      res.writeHead(404).end();
    });
  };
}
