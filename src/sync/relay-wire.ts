/**
 * The kit server's relay (`/relay`, binary WebSocket frames), as both ends see it: a client
 * joins topics, and what it sends to a topic reaches the topic's other members unchanged. The
 * server forwards opaque bytes: every payload is sealed end to end (relay-seal.ts).
 *
 * A frame is `[op][topic length][topic, ASCII][payload]`; JOIN and LEAVE have no payload. The
 * server delivers a SEND to the other members as it came (the same bytes), so one layout serves
 * both directions. EVICTED (no payload) goes from the server to a member whose place in a full
 * topic went to a newer one.
 */
export const RELAY_OP = { join: 1, leave: 2, send: 3, evicted: 4 } as const;
export type RelayOp = (typeof RELAY_OP)[keyof typeof RELAY_OP];

/** Topics are base64url names, long enough not to be guessed (relayTopic in admission.ts). */
const TOPIC = /^[A-Za-z0-9_-]{16,64}$/;

export interface RelayFrame {
  op: RelayOp;
  topic: string;
  payload: Uint8Array;
}

export function isRelayTopic(topic: string): boolean {
  return TOPIC.test(topic);
}

export function encodeRelayFrame(
  op: RelayOp,
  topic: string,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array {
  if (!isRelayTopic(topic)) throw new RangeError(`not a relay topic: ${topic}`);
  const frame = new Uint8Array(2 + topic.length + payload.length);
  frame[0] = op;
  frame[1] = topic.length;
  for (let i = 0; i < topic.length; i++) frame[2 + i] = topic.charCodeAt(i);
  frame.set(payload, 2 + topic.length);
  return frame;
}

/** The frame, or undefined for bytes that are not one (a bad op, a malformed topic). */
export function decodeRelayFrame(bytes: Uint8Array): RelayFrame | undefined {
  const op = bytes[0];
  const length = bytes[1];
  if (
    op !== RELAY_OP.join &&
    op !== RELAY_OP.leave &&
    op !== RELAY_OP.send &&
    op !== RELAY_OP.evicted
  )
    return undefined;
  if (length === undefined || bytes.length < 2 + length) return undefined;
  const topic = String.fromCharCode(...bytes.subarray(2, 2 + length));
  if (!isRelayTopic(topic)) return undefined;
  const payload = bytes.subarray(2 + length);
  if (op !== RELAY_OP.send && payload.length > 0) return undefined;
  return { op, topic, payload };
}
