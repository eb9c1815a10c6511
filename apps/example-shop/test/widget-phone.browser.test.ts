import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { failWith, focusedPart, searchFor, useBrowserShop, waitForResults } from './browser-shop';

// The widget as a shopper on a phone meets it: layout and focus that only a real browser lays
// out (happy-dom has no layout), at the 360 px the audit also checks.
const shop = useBrowserShop(1);

/** A rectangle's edges, in CSS pixels of the viewport. */
const box = async (locator: Locator) =>
  locator.evaluate((element) => {
    const { top, bottom } = element.getBoundingClientRect();
    return { top, bottom };
  });

describe('on a 360 px phone, in Chromium', () => {
  async function withPhone(run: (page: Page) => Promise<void>): Promise<void> {
    const page = await shop().browser.newPage({ viewport: { width: 360, height: 740 } });
    try {
      await page.goto(`${shop().baseUrl}/`);
      await run(page);
    } finally {
      await page.close();
    }
  }

  it('brings the confirmed summary into view with the focus; an expiry hands the focus to the list', () =>
    withPhone(async (page) => {
      await page.route('**/pickpost/selection', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.expiresAt = new Date(Date.now() + 1_500).toISOString();
        await route.fulfill({ response, body: JSON.stringify(body) });
      });
      const picker = page.locator('pickpost-point-picker');
      await searchFor(page, '8001');
      await waitForResults(page);
      await picker.getByRole('option').nth(4).click();
      await picker.getByRole('textbox', { name: 'PickPost user ID' }).fill('12345678');
      await picker.getByRole('button', { name: 'Confirm' }).click();
      const summary = picker.locator('[part=chosen]');
      await expect.poll(async () => summary.isVisible()).toBe(true);
      expect(await focusedPart(page)).toBe('chosen');
      // The shop asks for heading-level 2: an h2, styled as the h3 it replaces (not the UA's h2).
      const heading = summary.getByRole('heading', { level: 2, name: 'Your pick-up point' });
      expect(await heading.evaluate((element) => getComputedStyle(element).fontSize)).toBe(
        await picker.evaluate((element) => getComputedStyle(element).fontSize),
      );
      const { top, bottom } = await box(summary);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(bottom).toBeLessThanOrEqual(740);
      // The finished list and ID form fold away behind it.
      expect(await picker.getByRole('listbox').isVisible()).toBe(false);
      expect(await picker.locator('[part=customer]').isVisible()).toBe(false);

      await expect
        .poll(async () => picker.locator('[part=error]').textContent(), { timeout: 10_000 })
        .toMatch(/expired/);
      // The summary under the focus is gone: the focus is in the list again, not on the page.
      expect(await focusedPart(page)).toBe('option');
    }));

  it('keeps Confirm and Search beside their inputs and the error mark on its message line', () =>
    withPhone(async (page) => {
      const picker = page.locator('pickpost-point-picker');
      const query = picker.getByRole('textbox', { name: 'Postcode or town' });
      await searchFor(page, '800');
      await expect.poll(async () => query.getAttribute('aria-invalid')).toBe('true');
      expect((await box(picker.getByRole('button', { name: 'Search' }))).bottom).toBeCloseTo(
        (await box(query)).bottom,
        0,
      );
      await searchFor(page, '8001');
      await waitForResults(page);
      await picker.getByRole('option').first().click();
      const id = picker.getByRole('textbox', { name: 'PickPost user ID' });
      expect((await box(picker.getByRole('button', { name: 'Confirm' }))).bottom).toBeCloseTo(
        (await box(id)).bottom,
        0,
      );

      // A link-styled button wrapping onto two lines reads from the left, as the text around it.
      const toggle = picker.getByRole('button', { name: 'No PickPost user ID yet? Register' });
      const indent = await toggle.evaluate((element) => {
        const text = document.createRange();
        text.selectNodeContents(element);
        const lines = [...text.getClientRects()];
        return { lines: lines.length, left: lines[0]!.left - element.getBoundingClientRect().left };
      });
      expect(indent.lines).toBeGreaterThan(1);
      // Its 1 px transparent border, no more.
      expect(indent.left).toBeLessThanOrEqual(1);

      await failWith(page, '**/pickpost/selection', 502, 'POST_NETWORK_ERROR');
      await id.fill('12345678');
      await picker.getByRole('button', { name: 'Confirm' }).click();
      const error = picker.locator('[part=customer-error]');
      await expect.poll(async () => error.isVisible()).toBe(true);
      // The message starts on the box's first line, where the ⚠ is, not on a line of its own.
      const message = await box(error.locator('span'));
      expect(message.top - (await box(error)).top).toBeLessThan(16);
    }));

  it('never breaks an hour range at its dash', () =>
    withPhone(async (page) => {
      const long = ['07:30', '12:00', '13:30', '18:30', '19:00', '21:00'];
      const day = [0, 2, 4].map((i) => ({ from: long[i], to: long[i + 1] }));
      await page.route('**/pickpost/points?*', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
        body.points[0].openingHours = Object.fromEntries(days.map((name) => [name, day]));
        await route.fulfill({ response, body: JSON.stringify(body) });
      });
      const picker = page.locator('pickpost-point-picker');
      await searchFor(page, '8001');
      await waitForResults(page);
      const today = picker.locator('[part=hours-today]').first();
      expect(await today.textContent()).toMatch(/07:30–12:00, 13:30–18:30, 19:00–21:00/);
      const lines = await today.evaluate((element) => {
        const rects = (node: Element) => [...node.getClientRects()];
        const ranges = [...element.children];
        // The line each range starts on, and how many lines each one takes.
        const starts = new Set(ranges.map((range) => rects(range)[0]?.top));
        return { lines: starts.size, ranges: ranges.map((range) => rects(range).length) };
      });
      // Long enough to wrap at 360 px, and it does, between ranges only.
      expect(lines.lines).toBeGreaterThan(1);
      expect(lines.ranges).toEqual([1, 1, 1]);
    }));
});
