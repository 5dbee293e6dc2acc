import { freshDatabases } from '../fixtures/databases';
import { describe, expect, it } from 'vitest';
import { StudySelection } from '../../src/state/study/study-selection.svelte';
import { loadStudyReport } from '../../src/state/study/study-report';
import { sessionWithResponses } from '../fixtures/collected-sessions';

const freshDb = freshDatabases('study-selection');

describe('the study page', () => {
  it('counts every session of the study, and keeps out a session the facilitator left out when more arrive', async () => {
    const db = freshDb();
    const a = await sessionWithResponses(db, 'School A', 3);
    const b = await sessionWithResponses(db, 'School B', 2);
    const study = new StudySelection(db);
    await study.refresh();
    expect(study.results?.results.n).toBe(5);

    study.chosen = [a.id];
    await study.load();
    expect(study.results?.results.n).toBe(3);

    const c = await sessionWithResponses(db, 'School C', 4); // from the hub
    await study.refresh();
    expect(study.chosen.sort()).toEqual([a.id, c.id].sort());
    expect(study.chosen).not.toContain(b.id);
    expect(study.results?.results.n).toBe(7);
  });

  it('says the study could not be read instead of showing nothing', async () => {
    const db = freshDb();
    await sessionWithResponses(db, 'School A', 1);
    const study = new StudySelection(db);
    await study.refresh();
    db.close({ disableAutoOpen: true });
    await study.load();
    expect(study.problem).toBe('closed');
  });
});

describe('the printable report', () => {
  it('is made of the chosen sessions only, and is none for sessions not on this laptop', async () => {
    const db = freshDb();
    const a = await sessionWithResponses(db, 'School A', 3);
    await sessionWithResponses(db, 'School B', 2);
    const wording = { roleName: () => (role: string) => role, anonymous: '?' };
    const report = await loadStudyReport(db, [a.id], wording);
    expect(report?.sessions.map((s) => s.school)).toEqual(['School A']);
    expect(report?.results.results.n).toBe(3);
    expect(await loadStudyReport(db, ['elsewhere'], wording)).toBeUndefined();
  });
});
