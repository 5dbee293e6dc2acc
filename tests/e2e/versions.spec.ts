import { expect, test } from '@playwright/test';
import { studyJson } from '../fixtures/surveys';
import { writeBundleFile } from './fixtures/bundle-file';

/** A bundle of one school's session that ran `definition`, with two teachers' responses. */
const bundleFile = (school: string, definition: { version: number }) =>
  writeBundleFile(school, definition, [
    { 'profiel.role': 'leerkracht' },
    { 'profiel.role': 'leerkracht' },
  ]);

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
  await expect(page.getByText('Focusgesprek Klimop · Klimop · versie 1')).toBeVisible();
  // Both versions' respondents count (their role question kept its meaning).
  await expect(page.getByTestId('results-total')).toHaveText('4 respondenten');
});
