import { expect, test } from '@playwright/test';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  joinTablet,
  LAN_ORIGIN,
  launchWithLan,
  startSession,
  storedResponseIds,
  submittedCount,
} from './session-helpers';
import { answerProfile, answerRest, L, startResponse } from './study-run';

test('tablets join by the QR link, answer over WebRTC, and the facilitator counts every submission', async () => {
  const browser = await launchWithLan();
  try {
    const facilitator = await startSession(browser);
    const a = await joinTablet(browser, facilitator.joinPath);
    const b = await joinTablet(browser, facilitator.joinPath, LAN_ORIGIN);
    expect(await b.evaluate(() => window.isSecureContext)).toBe(false);
    await expectConnectedOverWebrtc(a);
    await expectConnectedOverWebrtc(b);
    await expect(deviceRows(facilitator.page)).toHaveCount(2);

    for (const [page, role] of [
      [a, 'leerkracht'],
      [b, 'leerling'],
    ] as const) {
      await startResponse(page, 'nl', null);
      await answerProfile(page, 'nl', role);
      await answerRest(page, 'nl', role === 'leerkracht');
      await page.getByRole('button', { name: L.nl.submit }).click();
      await expect(page.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
      await expect(page.getByTestId('receipt')).toHaveText('✓ Ontvangen door de begeleider');
    }
    await expect(submittedCount(facilitator.page)).toHaveText('2 van 2 ingediend');
    for (const row of await deviceRows(facilitator.page).all()) {
      await expect(row).toHaveAttribute('data-submitted', '1');
      await expect(row).toHaveAttribute('data-quarantined', '0');
    }
    // Each tablet stores its own response and nothing of the other's.
    const [idsA, idsB] = [await storedResponseIds(a), await storedResponseIds(b)];
    expect(idsA).toHaveLength(1);
    expect(idsB).toHaveLength(1);
    expect(idsA[0]).not.toBe(idsB[0]);
  } finally {
    await browser.close();
  }
});
