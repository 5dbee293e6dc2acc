import { expect, test } from '@playwright/test';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  joinTablet,
  laptopCheckCode,
  startSession,
  submittedCount,
  typeCode,
} from './session-helpers';
import { answerProfile, answerRest, L, startResponse } from './study-run';

test('admission by hand, removing a tablet, and closing the session, as each side sees it', async ({
  browser,
}) => {
  const facilitator = await startSession(browser, { admitByHand: true });

  // A typed code that is not one gets a clear message.
  const typo = await (await browser.newContext()).newPage();
  await typo.goto('/join');
  await typo.getByLabel('De code op het scherm').fill('ABC1');
  await typo.getByRole('button', { name: /Deelnemen/ }).click();
  await expect(typo.getByRole('alert')).toContainText('Dat is geen sessiecode');

  const first = await typeCode(browser, facilitator);
  await expect(
    first.getByRole('heading', { name: /laat deze tablet zo meteen toe/ }),
  ).toBeVisible();
  const second = await typeCode(browser, facilitator);
  await expect(
    second.getByRole('heading', { name: /laat deze tablet zo meteen toe/ }),
  ).toBeVisible();
  await expect(deviceRows(facilitator.page)).toHaveCount(2);
  await expect(deviceRows(facilitator.page).first()).toContainText('Wacht op toelating');

  await deviceRows(facilitator.page).first().getByRole('button', { name: 'Toelaten' }).click();
  await expect(first.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 30_000 });
  await expectConnectedOverWebrtc(first);
  // A typed code has no QR fingerprint: the participant confirmed the facilitator's check code,
  // and the tablet goes on showing it, the same as on the laptop.
  const check = await laptopCheckCode(facilitator.page);
  await expect(first.getByTestId('tablet-check-code')).toContainText(check);
  await deviceRows(facilitator.page)
    .nth(1)
    .getByRole('button', { name: 'Tablet 2 verwijderen' })
    .click();
  await expect(second.getByRole('heading', { name: /uit de sessie gehaald/ })).toBeVisible();
  await expect(deviceRows(facilitator.page).nth(1)).toContainText('Verwijderd');

  // Closing while a respondent is busy: they may finish; nobody new may start.
  await startResponse(first, 'nl', null);
  await answerProfile(first, 'nl', 'leerkracht');
  await facilitator.page.getByRole('button', { name: 'Sessie afsluiten' }).click();
  await facilitator.page.getByRole('button', { name: 'Ja, afsluiten' }).click();
  await expect(facilitator.page.getByText(/Deze sessie is afgesloten/)).toBeVisible();
  await expect(first.getByText(/De sessie is afgesloten. Je kunt de vragenlijst/)).toBeVisible();
  await answerRest(first, 'nl', true);
  await first.getByRole('button', { name: L.nl.submit }).click();
  await expect(first.getByTestId('receipt')).toHaveText('✓ Ontvangen door de begeleider');
  await expect(first.getByRole('button', { name: L.nl.nextRespondent })).toHaveCount(0);
  await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');

  // After a reload the tablet shows the closed session, and that everything was received.
  await first.reload();
  await expect(first.getByRole('heading', { name: 'De sessie is afgesloten' })).toBeVisible();
  await expect(first.getByTestId('closed-pending')).toHaveText(
    'Alle antwoorden op deze tablet zijn bij de begeleider.',
  );

  const late = await typeCode(browser, facilitator, check); // the laptop no longer shows it
  await expect(late.getByRole('heading', { name: /Deze sessie is afgesloten/ })).toBeVisible({
    timeout: 30_000,
  });
});

test('a full session: a tablet waits in line, the page says so, and raising the maximum lets it in', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const max = facilitator.page.getByLabel('Tablets in deze sessie, hoogstens');
  await max.fill('1');
  await max.blur();
  const first = await joinTablet(browser, facilitator.joinPath);
  const second = await (await browser.newContext()).newPage();
  await second.goto(facilitator.joinPath);
  await expect(facilitator.page.getByTestId('queue-note')).toHaveText(
    'De sessie is vol (het maximum is 1). 1 tablet wacht in de rij: verhoog het aantal hierboven of verwijder een tablet.',
  );
  await expect(second.getByRole('heading', { name: /Op zoek naar de begeleider/ })).toBeVisible();
  await expect(deviceRows(facilitator.page)).toHaveCount(1);
  await max.fill('2');
  await max.blur();
  await expect(second.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 30_000 });
  await expect(facilitator.page.getByTestId('queue-note')).toHaveCount(0);
  await expect(deviceRows(facilitator.page)).toHaveCount(2);
  await first.context().close();
  await second.context().close();
  await facilitator.context.close();
});
