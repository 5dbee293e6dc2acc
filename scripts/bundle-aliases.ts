import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * Modules of Kring's dependencies that its browser builds replace with smaller ones of the same
 * API (the tablet's download, docs/BENCHMARKS.md):
 * - y-webrtc imports simple-peer's prebuilt bundle; it gets src/sync/slim-peer.ts instead (the
 *   same API over RTCPeerConnection, without simple-peer's Buffer and stream polyfills);
 * - Yjs and y-webrtc import lib0/logging; they get src/shims/lib0-logging.ts (plain console
 *   output, without lib0's DOM console);
 * - `dexie` resolves to Dexie's ES2017+ module build (the same code, without the ES5 build's
 *   transpilation, and tree-shakeable) instead of its UMD file behind `import-wrapper.mjs`.
 * Fixtures that must run stock y-webrtc build without these.
 */
export const bundleAliases: Alias[] = [
  { find: /^simple-peer\/simplepeer\.min\.js$/, replacement: source('sync/slim-peer.ts') },
  { find: /^lib0\/logging$/, replacement: source('shims/lib0-logging.ts') },
  {
    find: /^dexie$/,
    replacement: createRequire(import.meta.url).resolve('dexie/dist/modern/dexie.mjs'),
  },
];
