import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { searchFor, useBrowserShop, waitForResults } from './browser-shop';

const shop = useBrowserShop(1);

async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const page = await shop().browser.newPage();
  try {
    await page.goto(`${shop().baseUrl}/`);
    await run(page);
  } finally {
    await page.close();
  }
}

describe('messages from the real checkout API, in Chromium', () => {
  it("a refused confirmation speaks German, not the server's developer text", () =>
    withPage(async (page) => {
      const picker = page.locator('pickpost-point-picker');
      await picker.evaluate((element) => element.setAttribute('lang', 'de'));
      await searchFor(page, '8001', 'PLZ oder Ort');
      await expect
        .poll(async () => picker.getByRole('status').textContent(), { timeout: 10_000 })
        .toMatch(/Abholorte gefunden/);
      await picker.getByRole('option').first().click();
      // No ID and no registration in this session: core answers VALIDATION_FAILED, in English.
      await picker.getByRole('button', { name: 'Bestätigen' }).click();
      const box = picker.locator('[part=customer-error]');
      await expect.poll(async () => box.isVisible()).toBe(true);
      expect(await box.getAttribute('data-code')).toBe('VALIDATION_FAILED');
      expect(await box.locator('span').textContent()).toBe(
        'Bitte prüfen Sie die markierten Felder.',
      );
      expect(await picker.locator('#pid-e').textContent()).toBe(
        'Geben Sie Ihre PickPost-User-ID ein oder registrieren Sie sich unten.',
      );
      expect(await picker.locator('[part=error]').isVisible()).toBe(false);
      expect(await picker.textContent()).not.toMatch(/variant|is required/);
    }));

  it('a search without points says what to try next', () =>
    withPage(async (page) => {
      await searchFor(page, 'Nirgendwo');
      const picker = page.locator('pickpost-point-picker');
      await expect
        .poll(async () => picker.getByRole('status').textContent(), { timeout: 10_000 })
        .toBe(
          'No pick-up point near Nirgendwo. Try a neighbouring postcode or a larger town nearby.',
        );
      // Then a search that finds points replaces the advice.
      await searchFor(page, '8001');
      await waitForResults(page);
    }));
});
