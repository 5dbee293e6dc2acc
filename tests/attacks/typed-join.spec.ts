/**
 * A fake laptop on the school network answers a session's join code (issue 19): it read the code
 * off the beamer and re-announces it every 25 ms, so it is the first facilitator a tablet that
 * typed the code hears. It won 3 of 3 typed tablets before; now the tablet follows no laptop
 * until the participant taps the check code that the facilitator's screen shows.
 */
import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  laptopCheckCode,
  startSession,
  typeJoinCode,
} from '../e2e/session-helpers';
import { fakeLaptop } from './lobby-clients';

const SIGNAL = `ws://localhost:${E2E_PORT}/signal`;

test('a fake laptop re-announcing the join code does not get a tablet that typed it', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const fake = await fakeLaptop(SIGNAL, facilitator.code);
  try {
    const tablet = await typeJoinCode(browser, facilitator.code);

    // The tablet asks which code is on the screen: both laptops' codes are among the choices.
    const real = await laptopCheckCode(facilitator.page);
    const picker = tablet.getByTestId('check-code-picker');
    await expect(picker.getByRole('button', { name: real })).toBeVisible();
    await expect(picker.getByRole('button', { name: fake.checkCode })).toBeVisible();
    await expect(picker).toContainText('2 laptops antwoorden op deze sessiecode');
    expect(await picker.getByRole('group').getByRole('button').count()).toBeGreaterThanOrEqual(3);
    // It has followed neither: no questionnaire yet, and the fake heard only a hello.
    await expect(tablet.getByRole('button', { name: 'Beginnen' })).toHaveCount(0);
    expect(fake.heard).toBe(1);

    await picker.getByRole('button', { name: real }).click();
    await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 30_000 });
    await expectConnectedOverWebrtc(tablet);
    await expect(deviceRows(facilitator.page)).toHaveCount(1);
    await expect(tablet.getByTestId('tablet-check-code')).toContainText(real);
    // The banner names the device it ignored, not the real laptop.
    const banner = tablet.getByTestId('impostor');
    await expect(banner).toContainText(fake.checkCode);
    await expect(banner).not.toContainText(real);

    // A reload goes on with the confirmed laptop, without asking again.
    await tablet.reload();
    await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 30_000 });
    await expect(tablet.getByTestId('check-code-picker')).toHaveCount(0);
    await tablet.context().close();
  } finally {
    fake.stop();
  }
  await facilitator.context.close();
});

test('a made-up code is not taken, and "none of these" keeps the tablet looking', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const tablet = await typeJoinCode(browser, facilitator.code);
  const real = await laptopCheckCode(facilitator.page);
  const picker = tablet.getByTestId('check-code-picker');
  await expect(picker.getByRole('button', { name: real })).toBeVisible();
  const made = picker.getByRole('group').getByRole('button').filter({ hasNotText: real });
  await made.first().click();
  await expect(picker.getByRole('alert')).toContainText('hoort bij geen enkele laptop');
  await picker.getByRole('button', { name: 'Geen van deze' }).click();
  await expect(picker.getByRole('status')).toContainText('De tablet blijft zoeken');
  await picker.getByRole('button', { name: real }).click();
  await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 30_000 });
  await tablet.context().close();
  await facilitator.context.close();
});
