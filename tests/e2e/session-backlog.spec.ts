import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { longAnswersJson } from '../fixtures/surveys';
import { expectConnectedOverWebrtc, joinTablet, startSession } from './session-helpers';

const RECEIVED = '✓ Ontvangen door de begeleider';
const OFFLINE = /Niet verbonden met de begeleider/;
const QUESTIONS = 40;
const LENGTH = 9000;

/** A questionnaire of many long open questions: one response of ~360 KB. */
function longSurveyFile(): string {
  const path = test.info().outputPath('lange-antwoorden.json');
  writeFileSync(path, JSON.stringify(longAnswersJson(QUESTIONS)));
  return path;
}

test('a backlog larger than one WebRTC message (256 KiB) still reaches the laptop once it is back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const {
    context,
    page: laptop,
    joinPath,
  } = await startSession(browser, {
    school: 'De Klimop',
    survey: { file: longSurveyFile(), label: 'Lange antwoorden · v1 (uit de bibliotheek)' },
  });
  const sessionUrl = laptop.url();
  const tablet = await joinTablet(browser, joinPath);
  await expectConnectedOverWebrtc(tablet);

  await laptop.close();
  await expect(tablet.getByTestId('connection')).toHaveText(OFFLINE, { timeout: 30_000 });
  await tablet.getByRole('button', { name: 'Beginnen' }).click();
  await tablet.getByRole('button', { name: /Ik ga akkoord/ }).click();
  const boxes = tablet.getByRole('textbox');
  await expect(boxes).toHaveCount(QUESTIONS);
  for (let i = 0; i < QUESTIONS; i++)
    await boxes.nth(i).fill(`${i} ${'Een lang verhaal over de klas. '.repeat(LENGTH / 31)}`);
  await tablet.getByRole('button', { name: /Nakijken en indienen/ }).click();
  await tablet.getByRole('button', { name: 'Mijn antwoorden indienen' }).click();
  await expect(tablet.getByTestId('receipt')).toHaveText(/Nog niet ontvangen/);

  const back = await context.newPage();
  await back.goto(sessionUrl);
  await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 60_000 });
  await expect(back.getByTestId('submitted-count')).toHaveText('1 van 1 ingediend');
  await expectConnectedOverWebrtc(tablet);
});
