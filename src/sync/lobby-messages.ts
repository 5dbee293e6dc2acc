/**
 * Messages on a session's lobby topic (published through the signaling server, no WebRTC).
 * Anyone with the join code can publish there, so every message is parsed as untrusted input.
 */
import * as v from 'valibot';

const PublicKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)); // 32 bytes, base64url
const DeviceId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{21}$/)); // nanoid, 126 bits
const SessionId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));

export const LobbyMessageSchema = v.variant('kind', [
  /** The facilitator announces itself (and answers a hello with it). */
  v.object({
    kind: v.literal('facilitator'),
    v: v.literal(1),
    session: SessionId,
    publicKey: PublicKey,
  }),
  /** A device asks to join. */
  v.object({ kind: v.literal('hello'), v: v.literal(1), deviceId: DeviceId, publicKey: PublicKey }),
  /** The facilitator's answer to one device. */
  v.object({
    kind: v.literal('admission'),
    v: v.literal(1),
    session: SessionId,
    deviceId: DeviceId,
    status: v.picklist(['admitted', 'waiting', 'removed', 'closed']),
    /** admissionMac over session, deviceId and status (sync/admission.ts). */
    mac: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/)),
  }),
]);

export type LobbyMessage = v.InferOutput<typeof LobbyMessageSchema>;

/** The message, or undefined for anything that is not a well-formed lobby message. */
export function parseLobbyMessage(data: unknown): LobbyMessage | undefined {
  const result = v.safeParse(LobbyMessageSchema, data);
  return result.success ? result.output : undefined;
}
