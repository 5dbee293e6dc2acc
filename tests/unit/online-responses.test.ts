/**
 * Online responses joining the study on a facilitator's laptop (issue 25): opened, checked,
 * stored in the link's own session, merged by id (a resend doubles nothing, a later version
 * replaces an unfinished one), counted with the school sessions; what fails is set aside.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../src/domain/response';
import { createSession } from '../../src/state/facilitator/sessions';
import { onlineSessionId, storeOnlineResponses } from '../../src/state/study/online-responses';
import { studyGroups } from '../../src/state/study/study';
import { collectedIn } from '../../src/storage/collected-store';
import { openPulled, sealResponse, type PulledEnvelope } from '../../src/sync/online-inbox';
import { studyKeyPair } from '../../src/sync/online-envelope';
import { freshDatabases } from '../fixtures/databases';
import { study, studyJson } from '../fixtures/surveys';

const database = freshDatabases('online');
const survey = study();
const lookup = (id: string, version: number) =>
  id === survey.id && version === survey.version ? survey : undefined;
const link = {
  id: 'link-klas-5a',
  label: 'Klas 5A',
  definition: JSON.stringify(studyJson()),
  createdAt: 10,
};

function response(
  id: string,
  status: 'in-progress' | 'submitted',
  answers: object,
): ResponseRecord {
  return {
    id,
    surveyId: survey.id,
    surveyVersion: survey.version,
    status,
    language: 'nl',
    startedAt: 1,
    updatedAt: status === 'submitted' ? 3 : 2,
    ...(status === 'submitted' ? { submittedAt: 3 } : {}),
    answers: answers as ResponseRecord['answers'],
  };
}

const key = studyKeyPair();
let seq = 0;
function pulled(version: number, record: ResponseRecord): PulledEnvelope {
  const { address, envelope } = sealResponse(key.publicKey, link.id, version, record);
  return {
    seq: ++seq,
    ...address,
    receivedAt: 5,
    envelope: Buffer.from(envelope).toString('base64url'),
  };
}
const open = (...items: PulledEnvelope[]) => openPulled(key, items, lookup);

describe('online responses in the study', () => {
  it('join the link session, merged by id, set aside when they fail, counted with the school sessions', async () => {
    const db = database();
    await createSession(db, {
      definition: JSON.stringify(studyJson()),
      title: 'Klimop',
      school: 'Klimop',
    });
    const first = response('A'.repeat(21), 'in-progress', { 'profiel.role': 'leerkracht' });
    const failing = response('B'.repeat(21), 'submitted', { 'profiel.role': 'astronaut' });

    const stored = await storeOnlineResponses(
      db,
      link,
      await open(pulled(1, first), pulled(1, failing)),
    );
    expect(stored.imported.ok && stored.imported.summary).toMatchObject({ responsesAdded: 1 });
    expect(stored.setAside).toHaveLength(1);
    const rows = await collectedIn(db, onlineSessionId(link.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['quarantined', 'valid']);

    // The same envelope again: nothing doubles.
    const again = await storeOnlineResponses(db, link, await open(pulled(1, first)));
    expect(again.imported.ok && again.imported.summary).toMatchObject({
      responsesAdded: 0,
      responsesUpdated: 0,
    });
    // A later version (finished) replaces the unfinished one.
    const finished = response('A'.repeat(21), 'submitted', {
      'profiel.role': 'leerkracht',
      welbevinden_acties: 'Een wandeling.',
    });
    const updated = await storeOnlineResponses(db, link, await open(pulled(2, finished)));
    expect(updated.imported.ok && updated.imported.summary).toMatchObject({ responsesUpdated: 1 });
    const valid = (await collectedIn(db, onlineSessionId(link.id))).filter(
      (r) => r.status === 'valid',
    );
    expect(valid).toHaveLength(1);
    expect(valid[0]!.response).toMatchObject({
      status: 'submitted',
      answers: { welbevinden_acties: 'Een wandeling.' },
    });

    // One study: the school's session and the online one, side by side.
    const [group] = await studyGroups(db);
    expect(group!.sessions.map((s) => s.title).sort()).toEqual(['Klimop', 'Online · Klas 5A']);
  });

  it('lists an envelope that does not open, and stores nothing of it', async () => {
    const db = database();
    const foreign = sealResponse(
      studyKeyPair().publicKey,
      link.id,
      1,
      response('C'.repeat(21), 'submitted', {}),
    );
    const stored = await storeOnlineResponses(
      db,
      link,
      await open({
        seq: 1,
        ...foreign.address,
        receivedAt: 5,
        envelope: Buffer.from(foreign.envelope).toString('base64url'),
      }),
    );
    expect(stored.unopened).toMatchObject([{ responseId: 'C'.repeat(21), reason: 'forged' }]);
    expect(await collectedIn(db, onlineSessionId(link.id))).toEqual([]);
  });
});
