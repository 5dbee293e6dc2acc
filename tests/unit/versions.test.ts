/**
 * Answers of several versions of one questionnaire: counted together item by item where the
 * item kept its meaning, kept apart (and labelled) where it did not — in the study's results
 * and in the data export.
 */
import { describe, expect, it } from 'vitest';
import { comparableAnswers, planVersions } from '../../src/domain/authoring/versions';
import type { ResponseRecord } from '../../src/domain/response';
import type { LocalizedText, Survey } from '../../src/domain/survey-schema';
import { studyData } from '../../src/state/study/data-export';
import { SessionResults } from '../../src/state/facilitator/session-results.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import { studyGroups } from '../../src/state/study/study';
import { allTypes, parsedSurvey } from '../fixtures/surveys';
import { freshDatabases } from '../fixtures/databases';
import { putCollected } from '../../src/storage/collected-store';

const text = (t: LocalizedText | undefined) => t?.nl ?? '';

/** Version 2 is the fixture; version 1 had a third option in `single` (its codes differ), a
 * typo in `lik`, no `num`, and an open question `old` that version 2 dropped. */
function versionOne(): Survey {
  const json = structuredClone(allTypes()) as unknown as {
    version: number;
    sections: { items: Record<string, unknown>[] }[];
  };
  json.version = 1;
  for (const section of json.sections) {
    for (const item of section.items) {
      if (item.id === 'single')
        item.options = [...(item.options as object[]), { id: 'c', text: { nl: 'c', en: 'c' } }];
      if (item.id === 'lik') item.text = { nl: 'Ll', en: 'Ll' };
    }
    section.items = section.items.filter((i) => i.id !== 'num');
  }
  json.sections[1]!.items.push({ id: 'old', type: 'open-text', text: { nl: 'Oud', en: 'Old' } });
  return parsedSurvey(json);
}

const v1 = versionOne();
const v2 = allTypes();
const answersV1 = { 'prof.role': 'teacher', 'lik.st1': 1, single: 'c', old: 'vroeger' };
const answersV2 = { 'prof.role': 'pupil', 'lik.st1': 2, single: 'b', num: 4 };

const database = freshDatabases('versions');

async function laptopWithTwoVersions() {
  const db = database();
  const put = async (survey: Survey, answers: Record<string, unknown>, school: string) => {
    const session = await createSession(db, {
      definition: JSON.stringify(survey),
      title: `v${survey.version}`,
      school,
    });
    const response = {
      id: `resp-v${survey.version}`.padEnd(21, 'x'),
      surveyId: survey.id,
      surveyVersion: survey.version,
      status: 'submitted',
      language: 'nl',
      startedAt: survey.version,
      updatedAt: 2,
      submittedAt: 3,
      answers,
    } as ResponseRecord;
    await putCollected(db, {
      key: `d/${response.id}`,
      sessionId: session.id,
      deviceId: 'd',
      responseId: response.id,
      status: 'valid',
      response,
      receivedAt: 1,
    });
    return session;
  };
  const first = await put(v1, answersV1, 'School A');
  const second = await put(v2, answersV2, 'School B');
  return { db, first, second };
}

describe('versions counted together', () => {
  it('an earlier version counts only on items that kept their meaning', () => {
    const plan = planVersions([v2, v1]);
    expect(plan.latest.version).toBe(2);
    expect(plan.versions).toEqual([1, 2]);
    expect(comparableAnswers(plan, 1, answersV1)).toEqual({ 'prof.role': 'teacher', 'lik.st1': 1 });
    expect(comparableAnswers(plan, 2, answersV2)).toEqual(answersV2);
  });

  it('the study groups both versions as one questionnaire, and the results count them so', async () => {
    const { db } = await laptopWithTwoVersions();
    const groups = await studyGroups(db);
    expect(groups).toHaveLength(1);
    const group = groups[0]!;
    expect(group.survey.version).toBe(2);
    const results = await SessionResults.ofSessions(db, group.sessions, group);
    const item = (id: string) => results.results.items.find((i) => i.item.id === id)!;
    const likert = item('lik');
    if (likert.type !== 'likert') throw new Error('expected a Likert result');
    // The typo fix kept the meaning: both answers count.
    expect(likert.statements[0]!.counts.map((c) => c.count)).toEqual([1, 1]);
    const single = item('single');
    if (single.type !== 'single-choice') throw new Error('expected a single choice');
    // The option set changed: version 1's "c" is not counted (and not mistaken for another code).
    expect(single.n).toBe(1);
    expect(single.options.counts.find((c) => c.value === 'b')?.count).toBe(1);
    results.destroy();
  });

  it('the export labels each answer with its version and keeps changed items apart', async () => {
    const { db, first, second } = await laptopWithTwoVersions();
    const result = await studyData(db, [first.id, second.id], text);
    if (!result.ok) throw new Error(result.reason);
    const { header, rows } = result.data.wide;
    const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
    expect(header).toContain('survey_version');
    expect(column('survey_version')).toEqual([1, 2]);
    expect(column('lik.st1')).toEqual([1, 2]);
    // `single` of version 2 codes a=1, b=2; version 1's answer "c" (its code 3) goes apart.
    expect(column('single')).toEqual(['', 2]);
    expect(column('single_v1')).toEqual([3, '']);
    expect(column('old_v1')).toEqual(['vroeger', '']);
    expect(column('num')).toEqual(['', 4]);
    const codebook = result.data.codebook.rows.find((r) => r[0] === 'single_v1');
    expect(codebook?.[1]).toBe('S (v1)');
    expect(codebook?.[3]).toBe('1=a; 2=b; 3=c; 4=ander');
  });

  it('two different definitions under one version are never counted together', async () => {
    const { db } = await laptopWithTwoVersions();
    const edited = structuredClone(v2) as unknown as { title: LocalizedText };
    edited.title = { nl: 'Elders bewerkt', en: 'Edited elsewhere' };
    const elsewhere = await createSession(db, {
      definition: JSON.stringify(edited),
      title: 'elders',
      school: 'C',
    });
    const groups = await studyGroups(db);
    expect(groups).toHaveLength(2);
    const own = groups.find((g) => g.sessions.some((s) => s.id === elsewhere.id))!;
    expect(own.sessions).toHaveLength(1);
    expect(own.key).not.toBe(groups.find((g) => g !== own)!.key);
  });
});
