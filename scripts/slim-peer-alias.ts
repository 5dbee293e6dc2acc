import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

/**
 * y-webrtc imports simple-peer's prebuilt bundle; Kring's builds give it src/sync/slim-peer.ts
 * instead (the same API over RTCPeerConnection, without simple-peer's Buffer and stream
 * polyfills). Fixtures that must run stock y-webrtc build without this alias.
 */
export const slimPeerAlias: Alias[] = [
  {
    find: /^simple-peer\/simplepeer\.min\.js$/,
    replacement: fileURLToPath(new URL('../src/sync/slim-peer.ts', import.meta.url)),
  },
];
