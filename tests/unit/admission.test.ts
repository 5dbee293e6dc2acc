import { x25519 as reference } from '@noble/curves/ed25519.js';
import { x25519 } from '../../src/sync/x25519';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  deriveRoom,
  fingerprint,
  fromBase64Url,
  lobbyTopic,
  newKeyPair,
  pairSecret,
  relayKeyFromSecret,
  relayTopic,
  roomFromSecret,
  toBase64Url,
} from '../../src/sync/admission';
import {
  formatJoinCode,
  JOIN_CODE_ALPHABET,
  newJoinCode,
  parseJoinCode,
} from '../../src/sync/join-code';
import { parseLobbyMessage } from '../../src/sync/lobby-messages';

afterEach(() => vi.unstubAllGlobals());

const code = 'KR7M4QP9';
const deviceId = 'V1StGXR8_Z5jdHi6B-myT';

describe('private rooms', () => {
  it('gives the device and the facilitator the same room name', () => {
    const facilitator = newKeyPair();
    const device = newKeyPair();
    const onDevice = deriveRoom({
      secretKey: device.secretKey,
      peerPublicKey: facilitator.publicKey,
      joinCode: code,
      deviceId,
    });
    const onLaptop = deriveRoom({
      secretKey: facilitator.secretKey,
      peerPublicKey: device.publicKey,
      joinCode: code,
      deviceId,
    });
    expect(onDevice).toMatch(/^kring-room-[\w-]{43}$/);
    expect(onLaptop).toBe(onDevice);
  });

  it('cannot be computed by another device that knows the code and saw both public keys', () => {
    const facilitator = newKeyPair();
    const device = newKeyPair();
    const eavesdropper = newKeyPair();
    const room = deriveRoom({
      secretKey: device.secretKey,
      peerPublicKey: facilitator.publicKey,
      joinCode: code,
      deviceId,
    });
    const guesses = [facilitator.publicKey, device.publicKey].map((peerPublicKey) =>
      deriveRoom({ secretKey: eavesdropper.secretKey, peerPublicKey, joinCode: code, deviceId }),
    );
    expect(guesses).not.toContain(room);
  });

  it('gives both ends the same relay key, which neither the room name nor the relay topic reveals', () => {
    const facilitator = newKeyPair();
    const device = newKeyPair();
    const onDevice = pairSecret(device.secretKey, facilitator.publicKey)!;
    const onLaptop = pairSecret(facilitator.secretKey, device.publicKey)!;
    const key = relayKeyFromSecret(onDevice, code, deviceId);
    expect(relayKeyFromSecret(onLaptop, code, deviceId)).toEqual(key);
    expect(key).toHaveLength(32);
    // The kit server sees the room name (signaling) and the topic (relay): neither is the key.
    const room = roomFromSecret(onDevice, code, deviceId);
    expect(room).not.toContain(toBase64Url(key));
    expect(relayTopic(key)).toMatch(/^kring-relay-[\w-]{22}$/);
    expect(relayTopic(key)).not.toContain(toBase64Url(key).slice(0, 8));
    // Another device in the lobby gets another key.
    const eavesdropper = newKeyPair();
    const guess = pairSecret(eavesdropper.secretKey, facilitator.publicKey)!;
    expect(relayKeyFromSecret(guess, code, deviceId)).not.toEqual(key);
    expect(relayKeyFromSecret(onDevice, code, 'Uakgb_J5m9g-0JDMbcJqL')).not.toEqual(key);
  });

  it('differs per device and per session', () => {
    const facilitator = newKeyPair();
    const device = newKeyPair();
    const room = (joinCode: string, id: string) =>
      deriveRoom({
        secretKey: device.secretKey,
        peerPublicKey: facilitator.publicKey,
        joinCode,
        deviceId: id,
      });
    expect(
      new Set([
        room(code, deviceId),
        room('ABCDEFGH', deviceId),
        room(code, 'other_device_id_00000'),
      ]).size,
    ).toBe(3);
  });

  it('refuses a public key that cannot be one (a hostile low-order point)', () => {
    const device = newKeyPair();
    expect(
      deriveRoom({
        secretKey: device.secretKey,
        peerPublicKey: new Uint8Array(32),
        joinCode: code,
        deviceId,
      }),
    ).toBeUndefined();
  });

  it('lets a device recognise the real facilitator by the fingerprint in the QR code', () => {
    const real = newKeyPair();
    const fake = newKeyPair();
    const fromQr = fingerprint(real.publicKey);
    expect(fromQr).toMatch(/^[\w-]{14}$/);
    expect(fingerprint(real.publicKey)).toBe(fromQr);
    expect(fingerprint(fake.publicKey)).not.toBe(fromQr);
  });

  it('works without crypto.subtle and crypto.randomUUID, as on a plain-http tablet', () => {
    const getRandomValues = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.stubGlobal('crypto', { getRandomValues });
    expect(globalThis.crypto.subtle).toBeUndefined();
    const a = newKeyPair();
    const b = newKeyPair();
    expect(
      deriveRoom({
        secretKey: a.secretKey,
        peerPublicKey: b.publicKey,
        joinCode: newJoinCode(),
        deviceId,
      }),
    ).toBeDefined();
  });

  it('names the lobby after the code without revealing it', () => {
    expect(lobbyTopic(code)).toBe(lobbyTopic(code));
    expect(lobbyTopic(code)).not.toContain(code);
    expect(lobbyTopic(code)).not.toBe(lobbyTopic('ABCDEFGH'));
  });

  it('round-trips keys through base64url', () => {
    const { publicKey } = newKeyPair();
    expect(fromBase64Url(toBase64Url(publicKey))).toEqual(publicKey);
    expect(fromBase64Url('not base64!')).toBeUndefined();
  });
});

describe('join codes', () => {
  it('are 8 characters without look-alikes, shown in two groups', () => {
    const codes = Array.from({ length: 2000 }, newJoinCode);
    for (const c of codes) expect([...c].every((ch) => JOIN_CODE_ALPHABET.includes(ch))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(formatJoinCode('KR7M4QP9')).toBe('KR7M-4QP9');
  });

  it('accept what a participant types, in any case, with spaces or a dash', () => {
    expect(parseJoinCode('kr7m-4qp9')).toBe('KR7M4QP9');
    expect(parseJoinCode(' KR7M 4QP9 ')).toBe('KR7M4QP9');
    expect(parseJoinCode('KR7M-4QP')).toBeUndefined();
    expect(parseJoinCode('KR7M-4QP0')).toBeUndefined(); // 0 is not in the alphabet
  });
});

describe('lobby messages', () => {
  const publicKey = toBase64Url(newKeyPair().publicKey);
  it('accepts the three well-formed kinds', () => {
    expect(parseLobbyMessage({ kind: 'hello', v: 1, deviceId, publicKey })).toEqual({
      kind: 'hello',
      v: 1,
      deviceId,
      publicKey,
    });
    expect(
      parseLobbyMessage({ kind: 'facilitator', v: 1, session: 's1', publicKey }),
    ).toBeDefined();
    expect(
      parseLobbyMessage({
        kind: 'admission',
        v: 1,
        session: 's1',
        deviceId,
        status: 'admitted',
        mac: 'A'.repeat(22),
      }),
    ).toBeDefined();
  });

  it.each([
    ['a string', 'hello'],
    ['an unknown kind', { kind: 'answers', v: 1 }],
    ['a newer version', { kind: 'hello', v: 2, deviceId, publicKey }],
    ['a short key', { kind: 'hello', v: 1, deviceId, publicKey: 'abc' }],
    ['a huge device id', { kind: 'hello', v: 1, deviceId: 'x'.repeat(10_000), publicKey }],
    ['an unknown status', { kind: 'admission', v: 1, session: 's1', deviceId, status: 'owner' }],
  ])('ignores %s', (_name, data) => {
    expect(parseLobbyMessage(data)).toBeUndefined();
  });
});

describe('x25519 (Montgomery ladder only)', () => {
  it("agrees with noble's reference implementation on random keys", () => {
    for (let n = 0; n < 20; n++) {
      const a = reference.utils.randomSecretKey();
      const b = reference.utils.randomSecretKey();
      expect(x25519.getPublicKey(a)).toEqual(reference.getPublicKey(a));
      expect(x25519.getSharedSecret(a, reference.getPublicKey(b))).toEqual(
        reference.getSharedSecret(a, reference.getPublicKey(b)),
      );
    }
  });
});
