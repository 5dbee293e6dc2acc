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

const ROLES = ['leerkracht', 'leerling', 'ouder', 'directie', 'zorg'] as const;

test("five tablets answer over WebRTC; every answer arrives, counts match, no tablet holds another's answers", async () => {
  const browser = await launchWithLan();
  try {
    const facilitator = await startSession(browser);
    const tablets = [];
    for (const [n] of ROLES.entries()) {
      // Two tablets on a plain-http LAN address (not a secure context), as in a school.
      const tablet = await joinTablet(
        browser,
        facilitator.joinPath,
        n < 2 ? LAN_ORIGIN : undefined,
      );
      tablets.push(tablet);
    }
    expect(await tablets[0]!.evaluate(() => window.isSecureContext)).toBe(false);
    for (const tablet of tablets) await expectConnectedOverWebrtc(tablet);
    await expect(deviceRows(facilitator.page)).toHaveCount(5);

    for (const [n, page] of tablets.entries()) {
      const role = ROLES[n]!;
      await startResponse(page, 'nl', null);
      await answerProfile(page, 'nl', role);
      await answerRest(page, 'nl', role === 'leerkracht');
      await page.getByRole('button', { name: L.nl.submit }).click();
      await expect(page.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
      await expect(page.getByTestId('receipt')).toHaveText('✓ Ontvangen door de begeleider');
    }
    await expect(submittedCount(facilitator.page)).toHaveText('5 van 5 ingediend');
    for (const row of await deviceRows(facilitator.page).all()) {
      await expect(row).toHaveAttribute('data-submitted', '1');
      await expect(row).toHaveAttribute('data-quarantined', '0');
      await expect(row).toHaveAttribute('data-broadcast-peers', '0');
    }
    // Each tablet stores its own response and nothing of another's.
    const ids = await Promise.all(tablets.map((t) => storedResponseIds(t)));
    for (const own of ids) expect(own).toHaveLength(1);
    expect(new Set(ids.flat()).size).toBe(5);
  } finally {
    await browser.close();
  }
});
