/** The prebuilt simple-peer that y-webrtc imports (chunked-peers.ts patches its prototype). */
declare module 'simple-peer/simplepeer.min.js' {
  const Peer: new (...args: unknown[]) => unknown;
  export default Peer;
}
