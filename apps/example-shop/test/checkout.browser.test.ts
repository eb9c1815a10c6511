import { HANS_MUSTER_CUSTOMER as HANS } from '@pickpost/test-utils/fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserShop } from './browser-shop';
import { holdRequests, screenshot, startBrowserShop } from './browser-shop';

let env: BrowserShop;
let baseUrl: string;

beforeAll(async () => {
  env = await startBrowserShop(1);
  baseUrl = env.baseUrl;
}, 60_000);

afterAll(async () => {
  await env?.close();
});

/** Searches 8001 and picks the second point of the list with the keyboard alone. */
async function choosePointWithKeyboard(page: Page): Promise<string> {
  const picker = page.locator('pickpost-point-picker');
  const query = picker.getByRole('textbox', { name: 'Postcode or town' });
  await query.click();
  await query.fill('8001');
  await query.press('Enter');
  const list = picker.getByRole('listbox', { name: 'Pick-up points' });
  await expect
    .poll(async () => list.getByRole('option').count(), { timeout: 10_000 })
    .toBeGreaterThan(3);
  await expect
    .poll(async () => picker.getByRole('status').textContent())
    .toMatch(/\d+ pick-up points found/);
  // Tab from the search button into the list, move down once, choose with Enter.
  await picker.getByRole('button', { name: 'Search' }).focus();
  let inList = false;
  for (let step = 0; step < 6 && !inList; step += 1) {
    await page.keyboard.press('Tab');
    inList = await list.evaluate((element) =>
      element.contains(
        element.getRootNode() instanceof ShadowRoot
          ? (element.getRootNode() as ShadowRoot).activeElement
          : null,
      ),
    );
  }
  expect(inList).toBe(true);
  await page.keyboard.press('ArrowDown');
  const focused = list.locator('[role=option]:focus');
  const pointName =
    (await focused.getAttribute('aria-label')) ?? (await focused.textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect.poll(async () => list.locator('[role=option][aria-selected=true]').count()).toBe(1);
  return pointName;
}

/** Opens the checkout, chooses a point and confirms it with a PickPost ID the shopper knows. */
async function selectWithKnownId(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await choosePointWithKeyboard(page);
  const picker = page.locator('pickpost-point-picker');
  await picker.getByRole('textbox', { name: 'PickPost user ID' }).fill('12345678');
  await picker.getByRole('button', { name: 'Confirm' }).click();
  await expect
    .poll(async () => page.locator('input[name=pickpost_selection]').inputValue())
    .toMatch(/\./);
}

describe('example shop checkout in Chromium', () => {
  it('search 8001, choose with the keyboard, register a PickPost ID, place the order', async () => {
    const page = await env.browser.newPage({ viewport: { width: 900, height: 1400 } });
    try {
      await page.goto(`${baseUrl}/`);
      const picker = page.locator('pickpost-point-picker');
      // Roles and labels: a labelled search field, a named listbox of options, a live status.
      await expect
        .poll(async () => picker.getByRole('textbox', { name: 'Postcode or town' }).count())
        .toBe(1);
      expect(await picker.getByRole('search').count()).toBe(1);
      // The live region exists before there is anything to announce.
      expect(await picker.getByRole('status', { includeHidden: true }).count()).toBe(1);
      const pointName = await choosePointWithKeyboard(page);
      expect(pointName).not.toBe('');
      for (const option of await picker.getByRole('option').all()) {
        expect(await option.getAttribute('aria-selected')).toMatch(/^(true|false)$/);
      }

      // Variant 1: the shopper has no PickPost ID yet and registers.
      await picker.getByRole('button', { name: 'No PickPost user ID yet? Register' }).click();
      await picker.getByRole('combobox', { name: 'Salutation' }).selectOption('Mr');
      await picker.getByRole('textbox', { name: 'First name' }).fill(HANS.firstName);
      await picker.getByRole('textbox', { name: 'Last name' }).fill(HANS.name1);
      await picker.getByRole('textbox', { name: 'Street', exact: true }).fill(HANS.street);
      await picker.getByRole('textbox', { name: 'Number', exact: true }).fill(HANS.houseNo);
      await picker.getByRole('textbox', { name: 'Postcode', exact: true }).fill(HANS.zip);
      await picker.getByRole('textbox', { name: 'Town', exact: true }).fill(HANS.city);
      await picker.getByRole('textbox', { name: 'E-mail' }).fill(HANS.email);
      const selected = page.evaluate(
        () =>
          new Promise<{ pickpostId: string | null }>((resolve) =>
            document.addEventListener(
              'pickpost:select',
              (event) => resolve((event as CustomEvent).detail),
              { once: true },
            ),
          ),
      );
      await picker.getByRole('button', { name: 'Register', exact: true }).click();
      const detail = await selected;
      expect(detail.pickpostId).toMatch(/^PT\d{6}$/);
      const hidden = await page.locator('input[name=pickpost_selection]').inputValue();
      expect(hidden.split('.')).toHaveLength(2);
      expect(await page.locator('input[name=pickpost_pickpost_id]').inputValue()).toBe(
        detail.pickpostId,
      );

      await screenshot(page, 'example-shop-checkout');

      await page.getByRole('button', { name: 'Place order' }).click();
      await expect.poll(async () => page.locator('h1').textContent()).toBe('Order confirmed');
      const order = env.shop.orders.at(-1);
      expect(order?.shippingMethod).toBe('pickpost');
      expect(order?.selection?.pickpostId).toBe(detail.pickpostId);
      expect(order?.selection?.point.id).toBeDefined();
      expect(await page.locator('#pickpost-id').textContent()).toBe(detail.pickpostId);
    } finally {
      await page.close();
    }
  });

  it('refuses a forged selection', async () => {
    const page = await env.browser.newPage();
    try {
      await selectWithKnownId(page);
      const ordersBefore = env.shop.orders.length;
      // Another customer's PickPost ID written into the signed token.
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('input[name=pickpost_selection]');
        if (input === null) return;
        const [body, signature] = input.value.split('.');
        const payload = JSON.parse(atob((body ?? '').replace(/-/g, '+').replace(/_/g, '/')));
        payload.pickpostId = '99999999';
        input.value = `${btoa(JSON.stringify(payload)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.${signature}`;
      });
      await page.getByRole('button', { name: 'Place order' }).click();
      await expect.poll(async () => page.locator('h1').textContent()).toBe('Order not placed');
      expect(await page.locator('#reason').textContent()).toMatch(/signature does not match/);
      expect(env.shop.orders.length).toBe(ordersBefore);
    } finally {
      await page.close();
    }
  });

  it('a new search drops the unconfirmed choice; the list is inert while it runs', async () => {
    const page = await env.browser.newPage();
    try {
      await page.goto(`${baseUrl}/`);
      await choosePointWithKeyboard(page);
      const picker = page.locator('pickpost-point-picker');
      const idForm = picker.getByRole('textbox', { name: 'PickPost user ID' });
      expect(await idForm.isVisible()).toBe(true);
      const zurichIds = await picker
        .locator('[role=option]')
        .evaluateAll((options) => options.map((option) => option.getAttribute('data-point-id')));

      // Hold the next point search until the checks made while it runs are done.
      const { release } = await holdRequests(page, '**/pickpost/points?*');
      const query = picker.getByRole('textbox', { name: 'Postcode or town' });
      await query.fill('1003');
      await query.press('Enter');
      const list = picker.locator('[role=listbox]');
      await expect
        .poll(async () => list.evaluate((element) => (element as HTMLElement).inert))
        .toBe(true);
      // Busy, not disabled: a disabled button would drop the focus of a shopper who pressed it.
      expect(
        await picker.getByRole('button', { name: 'Search' }).getAttribute('aria-disabled'),
      ).toBe('true');
      // The earlier choice is gone at once: no ID form to confirm it with, no option marked.
      expect(await idForm.isVisible()).toBe(false);
      expect(await list.locator('[role=option][aria-selected=true]').count()).toBe(0);
      // A click on the old list while the search runs chooses nothing.
      await list.locator('[role=option]').first().click({ force: true });
      expect(await idForm.isVisible()).toBe(false);

      release();
      await expect
        .poll(async () => picker.getByRole('status').textContent())
        .toMatch(/\d+ pick-up points found/);
      expect(await list.evaluate((element) => (element as HTMLElement).inert)).toBe(false);
      expect(
        await picker.getByRole('button', { name: 'Search' }).getAttribute('aria-disabled'),
      ).toBeNull();
      const lausanneIds = await list
        .locator('[role=option]')
        .evaluateAll((options) => options.map((option) => option.getAttribute('data-point-id')));
      expect(lausanneIds.length).toBeGreaterThan(0);
      expect(lausanneIds.some((id) => zurichIds.includes(id))).toBe(false);
      expect(await idForm.isVisible()).toBe(false);
      expect(await list.locator('[role=option][aria-selected=true]').count()).toBe(0);
      expect(await page.locator('input[name=pickpost_selection]').count()).toBe(0);

      // Choosing and confirming now saves a point of the list the shopper sees.
      await list.locator('[role=option]').nth(1).click();
      await idForm.fill('12345678');
      await picker.getByRole('button', { name: 'Confirm' }).click();
      await expect
        .poll(async () => page.locator('input[name=pickpost_point_id]').inputValue())
        .toBe(lausanneIds[1]);
    } finally {
      await page.close();
    }
  });

  it('sends the request-headers and credentials the page gives the picker', async () => {
    const page = await env.browser.newPage();
    try {
      await page.goto(`${baseUrl}/`);
      const picker = page.locator('pickpost-point-picker');
      await picker.evaluate((element) => {
        element.setAttribute('request-headers', '{"X-WP-Nonce":"abc123","bad name":"x"}');
        element.setAttribute('credentials', 'omit');
      });
      const request = page.waitForRequest('**/pickpost/points?*');
      const query = picker.getByRole('textbox', { name: 'Postcode or town' });
      await query.fill('8001');
      await query.press('Enter');
      const headers = await (await request).allHeaders();
      expect(headers['x-wp-nonce']).toBe('abc123');
      expect(headers.accept).toBe('application/json');
      expect(Object.keys(headers).some((name) => name.includes(' '))).toBe(false);
      // credentials: 'omit' keeps the session cookie off the request.
      await page.context().addCookies([{ name: 'probe', value: '1', url: baseUrl }]);
      const second = page.waitForRequest('**/pickpost/points?*');
      await query.fill('1003');
      await query.press('Enter');
      expect((await (await second).allHeaders()).cookie).toBeUndefined();
      expect((await (await second).allHeaders())['x-wp-nonce']).toBe('abc123');
    } finally {
      await page.close();
    }
  });

  it('points out a postcode that is not 4 digits, in the page language, without searching', async () => {
    const page = await env.browser.newPage();
    try {
      await page.goto(`${baseUrl}/`);
      const searches: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/pickpost/points')) searches.push(request.url());
      });
      const picker = page.locator('pickpost-point-picker');
      const query = picker.getByRole('textbox', { name: 'Postcode or town' });
      for (const typo of ['800', '80011', '0000']) {
        await query.fill(typo);
        await query.press('Enter');
        await expect.poll(async () => query.getAttribute('aria-invalid')).toBe('true');
        expect(await picker.locator('#q-e').textContent()).toBe(
          'A Swiss postcode has 4 digits, e.g. 8001.',
        );
        // The focus stays in the field, where the shopper corrects the postcode.
        expect(await query.evaluate((input) => input.matches(':focus'))).toBe(true);
      }
      await picker.evaluate((element) => element.setAttribute('lang', 'de'));
      const german = picker.getByRole('textbox', { name: 'PLZ oder Ort' });
      await german.fill('123');
      await german.press('Enter');
      await expect
        .poll(async () => picker.locator('#q-e').textContent())
        .toBe('Eine Schweizer PLZ hat 4 Ziffern, z. B. 8001.');
      expect(searches).toEqual([]);
      await german.fill('8001');
      await german.press('Enter');
      await expect.poll(async () => german.getAttribute('aria-invalid')).toBeNull();
      await expect.poll(() => searches.length).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('speaks one language, has a main landmark, requires a point and pre-fills the registration', async () => {
    const page = await env.browser.newPage();
    try {
      await page.goto(`${baseUrl}/`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('main').count()).toBe(1);
      const picker = page.locator('pickpost-point-picker');
      // No lang of its own: the widget speaks the page's language.
      expect(await picker.getAttribute('lang')).toBeNull();
      expect(await picker.getByRole('button', { name: 'Search' }).count()).toBe(1);

      // Place order without a point: held back, and the widget says why.
      const orders = env.shop.orders.length;
      await page.getByRole('button', { name: 'Place order' }).click();
      await expect
        .poll(async () => picker.locator('[part=error] span').textContent())
        .toBe('Please choose a pick-up point.');
      expect(await page.locator('h1').textContent()).toBe('Checkout');

      await choosePointWithKeyboard(page);
      await picker.getByRole('button', { name: 'No PickPost user ID yet? Register' }).click();
      expect(await picker.getByRole('textbox', { name: 'First name' }).inputValue()).toBe('Hans');
      expect(await picker.getByRole('textbox', { name: 'Last name' }).inputValue()).toBe('Muster');
      expect(await picker.getByRole('textbox', { name: 'Town', exact: true }).inputValue()).toBe(
        'Aarau',
      );

      // Place order while the choice is being saved: held back until the token is in the form.
      const { release } = await holdRequests(page, '**/pickpost/selection');
      await picker.getByRole('textbox', { name: 'PickPost user ID' }).fill('12345678');
      await picker.getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('button', { name: 'Place order' }).click();
      await expect
        .poll(async () => picker.getByRole('status').textContent())
        .toBe('Saving your choice…');
      expect(await page.locator('h1').textContent()).toBe('Checkout');
      release();
      await expect
        .poll(async () => page.locator('input[name=pickpost_selection]').inputValue())
        .toMatch(/\./);
      await page.getByRole('button', { name: 'Place order' }).click();
      await expect.poll(async () => page.locator('h1').textContent()).toBe('Order confirmed');
      expect(env.shop.orders.length).toBe(orders + 1);
    } finally {
      await page.close();
    }
  });

  it('clears the selection when the shopper switches to home delivery', async () => {
    const page = await env.browser.newPage();
    try {
      await selectWithKnownId(page);
      await page.getByLabel('Home delivery').check();
      await expect
        .poll(async () => page.locator('input[name=pickpost_selection]').inputValue())
        .toBe('');
    } finally {
      await page.close();
    }
  });
});
