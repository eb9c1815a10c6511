import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { screenshot, searchFor, useBrowserShop, waitForResults } from './browser-shop';

const shop = useBrowserShop(1);

const picker = (page: Page) => page.locator('pickpost-point-picker');

async function results(page: Page): Promise<void> {
  await page.goto(`${shop().baseUrl}/`);
  await searchFor(page, '8001');
  await waitForResults(page);
}

async function chosen(page: Page): Promise<void> {
  await results(page);
  await picker(page).getByRole('option').nth(1).click();
  await expect
    .poll(async () => picker(page).getByRole('textbox', { name: 'PickPost user ID' }).isVisible())
    .toBe(true);
}

async function registration(page: Page): Promise<void> {
  await chosen(page);
  await picker(page).getByRole('button', { name: 'No PickPost user ID yet? Register' }).click();
  await expect
    .poll(async () => picker(page).getByRole('textbox', { name: 'First name' }).isVisible())
    .toBe(true);
}

async function confirm(page: Page): Promise<void> {
  await chosen(page);
  await picker(page).getByRole('textbox', { name: 'PickPost user ID' }).fill('12345678');
  await picker(page).getByRole('button', { name: 'Confirm' }).click();
}

async function confirmed(page: Page): Promise<void> {
  await confirm(page);
  await expect
    .poll(async () => page.locator('input[name=pickpost_selection]').inputValue())
    .toMatch(/\./);
}

/** The server's answer to the point search is a 502 with its code: the error box shows. */
async function error(page: Page): Promise<void> {
  await page.goto(`${shop().baseUrl}/`);
  await page.route('**/pickpost/points?*', (route) =>
    route.fulfill({
      status: 502,
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'POST_NETWORK_ERROR', message: 'Swiss Post cannot be reached' },
      }),
    }),
  );
  await searchFor(page, '8001');
  await expect.poll(async () => picker(page).locator('[part=error]').isVisible()).toBe(true);
}

/** The registration sent without its fields (the pre-filled ones emptied): each one marked. */
async function fieldErrors(page: Page): Promise<void> {
  await registration(page);
  for (const input of await picker(page).locator('[part=register-input]').all()) {
    if ((await input.evaluate((element) => element.localName)) === 'input') await input.fill('');
  }
  await picker(page).getByRole('button', { name: 'Register', exact: true }).click();
  await expect
    .poll(async () => picker(page).locator('[aria-invalid=true]').count())
    .toBeGreaterThan(3);
}

/** The server says the selection expires in a moment: the widget drops it and says so. */
async function expired(page: Page): Promise<void> {
  await page.route('**/pickpost/selection', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.expiresAt = new Date(Date.now() + 800).toISOString();
    await route.fulfill({ response, body: JSON.stringify(body) });
  });
  await confirm(page);
  await expect
    .poll(async () => picker(page).locator('[part=error]').textContent(), { timeout: 10_000 })
    .toMatch(/expired/);
}

async function empty(page: Page): Promise<void> {
  await page.goto(`${shop().baseUrl}/`);
  await searchFor(page, 'Nirgendwo');
  await expect
    .poll(async () => picker(page).getByRole('status').textContent(), { timeout: 10_000 })
    .toMatch(/No pick-up point/);
}

/** A second search under way: the old list dimmed and inert, still 4.5:1 (held until audited). */
async function searching(page: Page): Promise<void> {
  await results(page);
  await page.route('**/pickpost/points?*', () => new Promise<void>(() => {}));
  await searchFor(page, '1003');
  await expect
    .poll(async () => picker(page).getByRole('listbox').getAttribute('aria-busy'))
    .toBe('');
}

/** The map opened over the results (its tiles answered locally: no internet here). */
async function map(page: Page): Promise<void> {
  await page.route('https://tile.openstreetmap.org/**', (route) => route.fulfill({ status: 204 }));
  await results(page);
  await picker(page).getByRole('button', { name: 'Show map' }).click();
  await expect
    .poll(async () => picker(page).locator('.leaflet-marker-icon').count(), { timeout: 10_000 })
    .toBeGreaterThan(0);
}

const STATES = {
  results,
  searching,
  map,
  chosen,
  registration,
  confirmed,
  error,
  'field-errors': fieldErrors,
  expired,
  empty,
} satisfies Record<string, (page: Page) => Promise<void>>;

const VIEWPORTS = [
  { label: 'desktop', width: 1024, height: 900 },
  { label: 'mobile', width: 360, height: 740 },
] as const;

describe.each(VIEWPORTS)('axe-core audit of the widget, $label ($width px)', (viewport) => {
  it.each(Object.keys(STATES) as (keyof typeof STATES)[])(
    '%s: no serious or critical violation',
    async (state) => {
      const page = await shop().browser.newPage({
        viewport: { width: viewport.width, height: viewport.height },
      });
      try {
        await STATES[state](page);
        await screenshot(page, `widget/${state}-${viewport.label}`);
        const violations = await seriousViolations(page);
        if (violations.length) console.log(JSON.stringify(violations, null, 1));
        expect(violations).toEqual([]);
        // Nothing sticks out sideways: no horizontal scrolling at 360 px.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
      } finally {
        await page.close();
      }
    },
  );
});
