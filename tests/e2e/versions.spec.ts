import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { studyJson } from '../fixtures/surveys';

/** A bundle of one school's session that ran `definition`, with two teachers' responses. */
function bundleFile(school: string, definition: { version: number }): string {
  const id = `session-${school.toLowerCase()}`;
  const bundle = {
    format: 'kring-bundle',
    formatVersion: 1,
    exportedAt: 1,
    sessions: [{ id, title: `Sessie ${school}`, school, createdAt: 1, closed: true, definition }],
    responses: [0, 1].map((i) => ({
      sessionId: id,
      deviceId: `${id}-d${i}`,
      response: {
        id: `${school}${i}`.padEnd(21, 'x'),
        surveyId: 'som_na_corona',
        surveyVersion: definition.version,
        status: 'submitted',
        language: 'nl',
        startedAt: 1,
        updatedAt: 2,
        submittedAt: 2,
        answers: { 'profiel.role': 'leerkracht' },
      },
    })),
    discussions: [],
    reactions: [],
    notes: [],
    moderation: [],
  };
  const path = test.info().outputPath(`${school}.kring.json`);
  writeFileSync(path, JSON.stringify(bundle));
  return path;
}

test('sessions of two versions of the questionnaire are one study; the view says which question stays apart', async ({
  page,
}) => {
  const first = studyJson() as {
    version: number;
    sections: { items: Record<string, unknown>[] }[];
  };
  // Version 2 rates the priorities on four points instead of five: no longer comparable.
  const second = structuredClone(first);
  second.version = 2;
  const priorities = second.sections.flatMap((s) => s.items).find((i) => i.id === 'prioriteiten')!;
  (priorities.scale as { max: number }).max = 4;

  await page.goto('/facilitator');
  await page
    .getByLabel(/Bundelbestanden importeren/)
    .setInputFiles([bundleFile('Klimop', first), bundleFile('Zonnebloem', second)]);
  await expect(page.getByTestId('import-outcome').locator('.ok')).toHaveCount(2);
  await page.getByRole('link', { name: 'Resultaten van alle sessies samen (studie)' }).click();

  const versions = page.getByTestId('study-versions');
  await expect(versions).toContainText('Versies 1, 2 van deze vragenlijst');
  await expect(versions).toContainText(
    'prioriteiten: de antwoorden op versie 1 tellen hier niet mee (de schaal is veranderd)',
  );
  await expect(page.getByText('Sessie Klimop · Klimop · versie 1')).toBeVisible();
  // Both versions' respondents count (their role question kept its meaning).
  await expect(page.getByTestId('results-total')).toHaveText('4 respondenten');
});
