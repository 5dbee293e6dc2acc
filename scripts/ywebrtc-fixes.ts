import type { Plugin } from 'vite';

/**
 * Mends in y-webrtc 10.3's source, applied where Kring builds it (the app and the fixtures that
 * use Kring's peer). Each names the text it replaces; when y-webrtc changes that text, the build
 * fails here instead of shipping without the mend.
 *
 * - An answer for a connection that is gone (closed while the answer travelled) made y-webrtc
 *   throw `Cannot set properties of undefined (setting 'glareToken')` out of the signaling
 *   socket's message handler (issue 19). Such an answer is now dropped, as y-webrtc drops other
 *   signals for no connection.
 */
const MENDS: { find: string; replace: string }[] = [
  {
    find: `if (data.signal.type === 'answer') {
                  log('offer answered by: ', data.from)
                  const existingConn = webrtcConns.get(data.from)
                  existingConn.glareToken = undefined
                }`,
    replace: `if (data.signal.type === 'answer') {
                  log('offer answered by: ', data.from)
                  const existingConn = webrtcConns.get(data.from)
                  if (existingConn === undefined) return
                  existingConn.glareToken = undefined
                }`,
  },
];

export function ywebrtcFixes(): Plugin {
  return {
    name: 'kring-ywebrtc-fixes',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]y-webrtc[\\/]src[\\/]y-webrtc\.js$/.test(id)) return undefined;
      let mended = code;
      for (const { find, replace } of MENDS) {
        if (!mended.includes(find))
          throw new Error(`y-webrtc changed: a mend in scripts/ywebrtc-fixes.ts no longer applies`);
        mended = mended.replace(find, replace);
      }
      return { code: mended, map: null };
    },
  };
}
