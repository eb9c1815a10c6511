import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  failWith,
  focusedPart,
  holdRequests,
  searchFor,
  useBrowserShop,
  waitForResults,
} from './browser-shop';

/** 08:00 UTC today: 09:00 or 10:00 in Zürich, when the mock's counters are open. */
const MORNING = new Date(`${new Date().toISOString().slice(0, 10)}T08:00:00Z`);
const shop = useBrowserShop(1, () => MORNING.getTime());

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

describe('keyboard and announcements, in Chromium', () => {
  it('the live region is rendered before the first search, only out of sight', () =>
    withPage(async (page) => {
      const status = page.locator('pickpost-point-picker').locator('[part=status]');
      expect(await status.getAttribute('role')).toBe('status');
      expect(await status.evaluate((element) => getComputedStyle(element).display)).not.toBe(
        'none',
      );
    }));

  it('Search keeps the focus while it runs and a second Enter sends nothing', () =>
    withPage(async (page) => {
      const picker = page.locator('pickpost-point-picker');
      await picker.getByRole('textbox', { name: 'Postcode or town' }).fill('8001');
      const { release, seen } = await holdRequests(page, '**/pickpost/points?*');
      await picker.getByRole('button', { name: 'Search' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => seen.length).toBe(1);
      expect(await focusedPart(page)).toBe('search-button');
      expect(
        await picker.getByRole('button', { name: 'Search' }).getAttribute('aria-disabled'),
      ).toBe('true');
      await page.keyboard.press('Enter');
      release();
      await waitForResults(page);
      expect(seen).toHaveLength(1);
      expect(await focusedPart(page)).toBe('search-button');
    }));

  it('announces the choice; Confirm and Try again keep the focus through a failed and a good save', () =>
    withPage(async (page) => {
      const picker = page.locator('pickpost-point-picker');
      await searchFor(page, '8001');
      await waitForResults(page);
      await picker.getByRole('option').first().focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const name = await picker.locator('[role=option][aria-selected=true] .name').textContent();
      await expect
        .poll(async () => picker.getByRole('status').textContent())
        .toBe(`${name} chosen. Enter your PickPost user ID and confirm.`);
      expect(await focusedPart(page)).toBe('pickpost-id-input');
      await page.keyboard.type('12345678');
      await page.keyboard.press('Tab');
      expect(await focusedPart(page)).toBe('confirm-button');

      // The first save fails: Swiss Post is down.
      await failWith(page, '**/pickpost/selection', 502, 'POST_NETWORK_ERROR');
      await page.keyboard.press('Enter');
      const box = picker.locator('[part=customer-error]');
      await expect.poll(async () => box.isVisible()).toBe(true);
      expect(await box.locator('span').textContent()).toBe(
        'Swiss Post cannot be reached at the moment. Please try again shortly.',
      );
      expect(await focusedPart(page)).toBe('confirm-button');

      // Try again, held: the button stays, busy and focused, until the answer.
      await page.unroute('**/pickpost/selection');
      const { release, seen } = await holdRequests(page, '**/pickpost/selection');
      await box.getByRole('button', { name: 'Try again' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => seen.length).toBe(1);
      expect(await focusedPart(page)).toBe('retry-button');
      expect(await box.isVisible()).toBe(true);
      expect(
        await box.getByRole('button', { name: 'Try again' }).getAttribute('aria-disabled'),
      ).toBe('true');
      await page.keyboard.press('Enter');
      release();
      await expect
        .poll(async () => page.locator('input[name=pickpost_selection]').inputValue())
        .toMatch(/\./);
      expect(seen).toHaveLength(1);
      expect(await box.isVisible()).toBe(false);
      // Saved: the forms fold away, the focus is on the summary, not on the page's body.
      expect(await focusedPart(page)).toBe('chosen');
    }));

  it('shows the nearest points without an inner scroll box, and more on request', () =>
    withPage(async (page) => {
      const picker = page.locator('pickpost-point-picker');
      await searchFor(page, '8001');
      await waitForResults(page);
      const list = picker.getByRole('listbox', { name: 'Pick-up points' });
      expect(await list.getByRole('option').count()).toBe(5);
      // Chromium's accessible name of each option is its text, and no two are alike: the two
      // "PickPost-Stelle Zürich" counters differ by their street (WCAG 2.5.3, item 3).
      const texts = await list.getByRole('option').allTextContents();
      expect(new Set(texts.map((text) => text.split(',')[0])).size).toBeLessThan(5);
      // Chromium puts a space before each pause (the parts are flex items): spoken the same.
      const names = [...(await list.ariaSnapshot()).matchAll(/- option "(.*)"/g)].map((match) =>
        match[1]!.replaceAll(' ,', ','),
      );
      expect(names).toEqual(texts);
      expect(new Set(names).size).toBe(5);
      expect(await list.evaluate((element) => getComputedStyle(element).overflowY)).toBe('visible');
      await list.getByRole('option').first().focus();
      await page.keyboard.press('End');
      expect(await focusedPart(page)).toBe('option');
      expect(await list.locator('[role=option]:focus').getAttribute('id')).toBe('o4');
      const more = picker.getByRole('button', { name: /^Show \d+ more$/ });
      await more.focus();
      await page.keyboard.press('Enter');
      expect(await list.getByRole('option').count()).toBeGreaterThan(5);
      // The focus lands on the first point that was not shown before.
      expect(await list.locator('[role=option]:focus').getAttribute('id')).toBe('o5');
    }));
});

describe('what shoppers expect from the best pickers, in Chromium', () => {
  it("shows each counter's live status from the location service's Find answer", async () => {
    const page = await shop().browser.newPage();
    try {
      // The browser's clock agrees with the mock Post's, so no status is dropped as passed.
      await page.clock.setFixedTime(MORNING);
      await page.goto(`${shop().baseUrl}/`);
      await searchFor(page, '8001');
      await waitForResults(page);
      const picker = page.locator('pickpost-point-picker');
      const statuses = await picker.locator('[part=open-now]').allTextContents();
      expect(statuses.length).toBeGreaterThan(0);
      for (const status of statuses)
        expect(status).toMatch(/^(Open until|Opens at) \d\d:\d\d$|^Open 24 hours$/);
      // The filter narrows the list to My Post 24 terminals.
      await picker.getByRole('radio', { name: 'My Post 24 terminals' }).check();
      const kinds = await picker.locator('[role=option] [part~=badge]').allTextContents();
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['My Post 24']));
    } finally {
      await page.close();
    }
  });

  it('lists the point confirmed last time first, and no-remember keeps nothing', () =>
    withPage(async (page) => {
      const picker = page.locator('pickpost-point-picker');
      await searchFor(page, '8001');
      await waitForResults(page);
      const third = picker.getByRole('option').nth(2);
      const id = await third.getAttribute('data-point-id');
      await third.click();
      await picker.getByRole('textbox', { name: 'PickPost user ID' }).fill('12345678');
      await picker.getByRole('button', { name: 'Confirm' }).click();
      await expect
        .poll(async () => page.locator('input[name=pickpost_point_id]').inputValue())
        .toBe(id);
      await page.reload();
      await searchFor(page, '8001');
      await waitForResults(page);
      expect(await picker.getByRole('option').first().getAttribute('data-point-id')).toBe(id);
      expect(await picker.getByRole('option').first().textContent()).toContain('Last used');

      await picker.evaluate((element) => element.setAttribute('no-remember', ''));
      await page.evaluate(() => {
        const element = document.querySelector('pickpost-point-picker');
        element?.replaceWith(element.cloneNode());
      });
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
    }));
});

/** A 1×1 transparent PNG: the map's tiles, answered here (the tests have no internet). */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

describe('the map view, in Chromium', () => {
  it('loads nothing until opened, then draws the listed points; a marker chooses', () =>
    withPage(async (page) => {
      const fetched: string[] = [];
      page.on('request', (request) => fetched.push(request.url()));
      await page.route('https://tile.openstreetmap.org/**', (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
      );
      const picker = page.locator('pickpost-point-picker');
      await searchFor(page, '8001');
      await waitForResults(page);
      const mapRequests = () =>
        fetched.filter((url) => url.includes('pickpost-map.js') || url.includes('openstreetmap'));
      expect(mapRequests()).toEqual([]);

      const button = picker.getByRole('button', { name: 'Show map' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await button.click();
      const markers = picker.locator('.leaflet-marker-icon');
      await expect.poll(async () => markers.count(), { timeout: 10_000 }).toBe(10);
      expect(fetched.filter((url) => url.endsWith('/pickpost-map.js'))).toHaveLength(1);
      await expect
        .poll(() => fetched.filter((url) => url.includes('tile.openstreetmap.org')).length)
        .toBeGreaterThan(0);
      expect(
        await picker.getByRole('button', { name: 'Hide map' }).getAttribute('aria-expanded'),
      ).toBe('true');

      // Marker 7 is a point beyond the five shown: choosing it brings it into the list.
      // Close points overlap on the map: the click goes to the marker itself.
      await markers.nth(6).dispatchEvent('click');
      const chosen = picker.locator('[role=option][aria-selected=true]');
      await expect.poll(async () => chosen.getAttribute('id')).toBe('o6');
      expect(await picker.locator('.pp-marker.pp-chosen').textContent()).toBe('7');
      expect(await focusedPart(page)).toBe('pickpost-id-input');
    }));

  it('draws its tiles from map-tiles, with the attribution given in map-attribution', () =>
    withPage(async (page) => {
      const tiles: string[] = [];
      await page.route('https://tiles.example.ch/**', (route) => {
        tiles.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
      });
      const osm: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('openstreetmap')) osm.push(request.url());
      });
      const picker = page.locator('pickpost-point-picker');
      await picker.evaluate((element) => {
        element.setAttribute('map-tiles', 'https://tiles.example.ch/{z}/{x}/{y}.png');
        element.setAttribute('map-attribution', '© Example Maps');
      });
      await searchFor(page, '8001');
      await waitForResults(page);
      await picker.getByRole('button', { name: 'Show map' }).click();
      await expect.poll(() => tiles.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(
        tiles.every((url) => /^https:\/\/tiles\.example\.ch\/\d+\/\d+\/\d+\.png$/.test(url)),
      ).toBe(true);
      expect(await picker.locator('.leaflet-control-attribution').textContent()).toContain(
        '© Example Maps',
      );
      expect(osm).toEqual([]);
    }));
});
