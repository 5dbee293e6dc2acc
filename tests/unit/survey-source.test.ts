import { freshDatabases } from '../fixtures/databases';
import { describe, expect, it } from 'vitest';
import { loadSurvey, storePreviewSurvey } from '../../src/state/study/survey-source';
import { studyJson } from '../fixtures/surveys';

const freshDb = freshDatabases('survey-source');
const serving =
  (body: string, status = 200): typeof fetch =>
  () =>
    Promise.resolve(new Response(body, { status }));
const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

describe('the questionnaire of the standalone page', () => {
  it('opens offline the questionnaire this device read before', async () => {
    const db = freshDb();
    expect((await loadSurvey(db, 'bundled', serving(JSON.stringify(studyJson())))).ok).toBe(true);
    expect((await loadSurvey(db, 'bundled', offline)).ok).toBe(true);
  });

  it('says the kit cannot be reached (no English error text) when it never read it', async () => {
    expect(await loadSurvey(freshDb(), 'bundled', offline)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
    expect(await loadSurvey(freshDb(), 'bundled', serving('not found', 404))).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('says there is nothing to try out before the laptop stored one, and opens it after', async () => {
    const db = freshDb();
    expect(await loadSurvey(db, 'preview')).toEqual({ ok: false, reason: 'noPreview' });
    await storePreviewSurvey(JSON.stringify(studyJson()), db);
    expect((await loadSurvey(db, 'preview')).ok).toBe(true);
  });
});
