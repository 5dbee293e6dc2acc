/**
 * Responses to an online link sealed to the study's researchers (issue 25): only the study's
 * key opens them; one changed, cut, moved or replayed as another version does not open; the
 * study's key travels between facilitators as a file sealed with a passphrase.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  ENVELOPE_OVERHEAD,
  openEnvelope,
  sealEnvelope,
  studyAgreement,
  studyKeyPair,
  type EnvelopeAddress,
} from '../../src/sync/online-envelope';
import { x25519 } from '../../src/sync/x25519';
import { keyFileStudy, readKeyFile, writeKeyFile } from '../../src/sync/study-key-file';
import {
  openPulled,
  replacesHeld,
  sealResponse,
  type PulledEnvelope,
} from '../../src/sync/online-inbox';
import type { ResponseRecord } from '../../src/domain/response';
import type { SurveyLookup } from '../../src/domain/response-check';
import { study } from '../fixtures/surveys';

const text = new TextEncoder();
const address: EnvelopeAddress = { linkId: 'link-klas-5a', responseId: 'r'.repeat(21), version: 3 };
const answers = text.encode(JSON.stringify({ welbevinden_acties: 'Elke week een klasgesprek.' }));
/** A test's key file is quick to make: scrypt at its lowest allowed cost. */
const QUICK = { N: 2 ** 10, r: 8, p: 1 };

describe('a sealed envelope', () => {
  it("opens with the study's key, and shows nothing of the answers to whoever holds it", () => {
    const study = studyKeyPair();
    const envelope = sealEnvelope(study.publicKey, address, answers);
    expect(envelope.length).toBe(answers.length + ENVELOPE_OVERHEAD);
    expect(new TextDecoder().decode(envelope)).not.toContain('klasgesprek');
    const opened = openEnvelope(study, address, envelope);
    expect(opened.ok && new TextDecoder().decode(opened.plaintext)).toBe(
      new TextDecoder().decode(answers),
    );
    // Two envelopes of the same answers differ (a fresh key each): sizes are all they share.
    expect(sealEnvelope(study.publicKey, address, answers)).not.toEqual(envelope);
  });

  it('is refused when changed, cut, moved, given as another version, or for another study', () => {
    const study = studyKeyPair();
    const envelope = sealEnvelope(study.publicKey, address, answers);
    for (const at of [0, 1, 40, 60, envelope.length - 1]) {
      const changed = envelope.slice();
      changed[at]! ^= 1;
      expect(openEnvelope(study, address, changed).ok).toBe(false);
    }
    expect(openEnvelope(study, address, envelope.subarray(0, envelope.length - 1))).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(openEnvelope(study, address, envelope.subarray(0, 20))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(openEnvelope(study, { ...address, linkId: 'other-link' }, envelope).ok).toBe(false);
    expect(openEnvelope(study, { ...address, responseId: 's'.repeat(21) }, envelope).ok).toBe(
      false,
    );
    // An earlier version replayed as the latest: its version is bound, so it does not pass.
    expect(openEnvelope(study, { ...address, version: 4 }, envelope).ok).toBe(false);
    expect(openEnvelope(studyKeyPair(), address, envelope)).toEqual({
      ok: false,
      reason: 'forged',
    });
    // A made-up ephemeral key of low order (all zeros) is refused, not thrown.
    const zero = envelope.slice();
    zero.fill(0, 1, 33);
    expect(openEnvelope(study, address, zero)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe("the study's key file", () => {
  it('comes back whole with its passphrase, and names its study without it', async () => {
    const pair = studyKeyPair();
    const file = await writeKeyFile(
      { studyId: 'som_2022', ...pair },
      'lange zin met spaties',
      QUICK,
    );
    expect(file).not.toContain(Buffer.from(pair.privateKey).toString('base64url'));
    expect(keyFileStudy(file)).toBe('som_2022');
    const read = await readKeyFile(file, 'lange zin met spaties', 'som_2022');
    expect(read.ok && read.key.privateKey).toEqual(pair.privateKey);
    // The key read opens what was sealed to the study.
    const envelope = sealEnvelope(pair.publicKey, address, answers);
    expect(read.ok && openEnvelope(read.key, address, envelope).ok).toBe(true);
  });

  it('refuses a wrong passphrase, a file of another study, and what is no key file', async () => {
    const pair = studyKeyPair();
    const file = await writeKeyFile({ studyId: 'som_2022', ...pair }, 'juist', QUICK);
    expect(await readKeyFile(file, 'fout', 'som_2022')).toEqual({
      ok: false,
      problem: 'wrongPassphrase',
    });
    expect(await readKeyFile(file, 'juist', 'andere_studie')).toEqual({
      ok: false,
      problem: 'otherStudy',
    });
    for (const broken of [
      '',
      'geen json',
      '{"format":"kring-study-key"}',
      file.replace('"N": 1024', '"N": 3'),
    ])
      expect(await readKeyFile(broken, 'juist', 'som_2022')).toEqual({
        ok: false,
        problem: 'notKeyFile',
      });
    // Another study's public key put in the file: its sealed key is bound to the old one.
    const other = studyKeyPair();
    const swapped = file.replace(
      Buffer.from(pair.publicKey).toString('base64url'),
      Buffer.from(other.publicKey).toString('base64url'),
    );
    expect((await readKeyFile(swapped, 'juist', 'som_2022')).ok).toBe(false);
  });
});

describe('online responses opened on a laptop', () => {
  const survey = study();
  const lookup: SurveyLookup = (id, version) =>
    id === survey.id && version === survey.version ? survey : undefined;
  const response = (answers: Record<string, unknown>): ResponseRecord => ({
    id: 'V1StGXR8_Z5jdHi6B-myT',
    surveyId: survey.id,
    surveyVersion: survey.version,
    status: 'submitted',
    language: 'nl',
    startedAt: 1,
    updatedAt: 2,
    submittedAt: 2,
    answers: answers as ResponseRecord['answers'],
  });
  const pulled = (seq: number, address: EnvelopeAddress, envelope: Uint8Array): PulledEnvelope => ({
    seq,
    ...address,
    receivedAt: 5,
    envelope: Buffer.from(envelope).toString('base64url'),
  });

  it('opens and checks each with the check a tablet gets; a failing one is set aside, none is lost', async () => {
    const key = studyKeyPair();
    const good = sealResponse(
      key.publicKey,
      'link-klas-5a',
      2,
      response({ 'profiel.role': 'leerkracht' }),
    );
    const bad = sealResponse(key.publicKey, 'link-klas-5a', 1, {
      ...response({ 'profiel.role': 'astronaut' }),
      id: 'B'.repeat(21),
    });
    const foreign = sealResponse(studyKeyPair().publicKey, 'link-klas-5a', 1, {
      ...response({}),
      id: 'C'.repeat(21),
    });
    // Sealed for one response, listed by the hub as another: it does not open.
    const moved = { ...good.address, responseId: 'D'.repeat(21) };
    const entries = await openPulled(
      key,
      [
        pulled(1, good.address, good.envelope),
        pulled(2, bad.address, bad.envelope),
        pulled(3, foreign.address, foreign.envelope),
        pulled(4, moved, good.envelope),
        { ...pulled(5, good.address, good.envelope), envelope: '!!' },
      ],
      lookup,
    );
    expect(entries.map((e) => (e.kind === 'opened' ? e.check.status : e.reason))).toEqual([
      'valid',
      'quarantined',
      'forged',
      'forged',
      'malformed',
    ]);
    expect(entries[0]!.kind === 'opened' && entries[0]!.check).toMatchObject({
      status: 'valid',
      response: { answers: { 'profiel.role': 'leerkracht' } },
    });
  });

  it("opens with the browser's own X25519 where it has one, as with noble's, low-order keys refused", async () => {
    const key = studyKeyPair();
    const agree = await studyAgreement(key);
    const { address, envelope } = sealResponse(key.publicKey, 'link-klas-5a', 1, response({}));
    const ephemeral = envelope.slice(1, 33);
    expect(await agree(ephemeral)).toEqual(x25519.getSharedSecret(key.privateKey, ephemeral));
    const zero = envelope.slice();
    zero.fill(0, 1, 33);
    const entries = await openPulled(key, [pulled(1, address, zero)], lookup);
    expect(entries).toMatchObject([{ kind: 'unopened', reason: 'forged' }]);
  });

  it("falls back to noble's X25519 when the browser's answers otherwise", async () => {
    const key = studyKeyPair();
    const wrong = vi
      .spyOn(crypto.subtle, 'deriveBits')
      .mockResolvedValue(new Uint8Array(32).buffer);
    try {
      const agree = await studyAgreement(key);
      const ephemeral = studyKeyPair().publicKey;
      expect(await agree(ephemeral)).toEqual(x25519.getSharedSecret(key.privateKey, ephemeral));
    } finally {
      wrong.mockRestore();
    }
  });

  it('lets a later version replace an earlier one, never the other way', () => {
    expect(replacesHeld(undefined, 1)).toBe(true);
    expect(replacesHeld({ version: 2 }, 3)).toBe(true);
    expect(replacesHeld({ version: 2 }, 2)).toBe(false);
    expect(replacesHeld({ version: 2 }, 1)).toBe(false);
  });
});
