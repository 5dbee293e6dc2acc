import { expect, test } from '@playwright/test';
import { L, choose, expectItemSaved, startResponse } from './study-run';

/**
 * A full disk, simulated at the IndexedDB boundary: while `window.__kringDiskFull` is set, every
 * write fails with the browser's QuotaExceededError.
 */
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const flag = window as unknown as { __kringDiskFull?: boolean };
    for (const method of ['add', 'put'] as const) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply(this) below
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (
        this: IDBObjectStore,
        ...args: Parameters<typeof original>
      ) {
        if (flag.__kringDiskFull)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
});

test('a full disk shows a clear message, keeps the answers, and saves them after "try again"', async ({
  page,
}) => {
  await startResponse(page, 'nl');
  await choose(page, 'profiel.role', 'leerkracht');
  await expectItemSaved(page, 'profiel', 'nl');

  await page.evaluate(
    () => ((window as unknown as { __kringDiskFull: boolean }).__kringDiskFull = true),
  );
  await choose(page, 'onderwijsniveau', 'basis');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Dit toestel is vol');
  await expect(page.locator('[data-item="onderwijsniveau"] [data-save]')).toHaveText(
    '⚠ Nog niet bewaard',
  );
  await expect(
    page.locator('fieldset[data-key="onderwijsniveau"] input[value="basis"]'),
  ).toBeChecked();

  await page.evaluate(
    () => ((window as unknown as { __kringDiskFull: boolean }).__kringDiskFull = false),
  );
  await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(alert).toHaveCount(0);
  await expectItemSaved(page, 'onderwijsniveau', 'nl');

  await page.reload();
  await expect(
    page.locator('fieldset[data-key="onderwijsniveau"] input[value="basis"]'),
  ).toBeChecked();
  await expect(
    page.locator('fieldset[data-key="profiel.role"] input[value="leerkracht"]'),
  ).toBeChecked();
});

test('an answer given while the disk is full is saved by the next answer once space is back', async ({
  page,
}) => {
  await startResponse(page, 'en');
  await page.evaluate(
    () => ((window as unknown as { __kringDiskFull: boolean }).__kringDiskFull = true),
  );
  await choose(page, 'profiel.role', 'ouder');
  await expect(page.getByRole('alert')).toContainText('This device is full');
  await page.evaluate(
    () => ((window as unknown as { __kringDiskFull: boolean }).__kringDiskFull = false),
  );
  await choose(page, 'onderwijsniveau', 'secundair');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectItemSaved(page, 'profiel', 'en');
  await page.reload();
  await expect(
    page.locator('fieldset[data-key="profiel.role"] input[value="ouder"]'),
  ).toBeChecked();
  await expect(page.getByRole('button', { name: L.en.next })).toBeVisible();
});

test('a browser that refuses storage gets a clear message instead of a questionnaire that cannot save', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'nl-BE' });
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('Deze browser kan geen antwoorden bewaren');
  await expect(page.getByRole('button', { name: 'Beginnen' })).toHaveCount(0);
  await context.close();
});
