import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Variant } from '@pickpost/core';
import { createMemoryStateStore, createPickPost } from '@pickpost/core';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer, DEMO_CLIENT } from '@pickpost/mock-post-server';
import { VELO_SHOP } from '@pickpost/test-utils/fixtures';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ExampleShop } from '../src/app';
import { createExampleShop } from '../src/app';

/**
 * Chromium from Debian drives the example shop. Install it with `apt-get install -y chromium`
 * (`.ci/run` does); Playwright's own browser download is not used (no internet here).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests write screenshots: ignored by git (`/test-results/`). */
export const ARTEFACTS = fileURLToPath(new URL('../../../test-results/', import.meta.url));

/** The example shop on loopback, the mock Swiss Post behind it and a headless Chromium. */
export interface BrowserShop {
  shop: ExampleShop;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the mock Post server, the example shop in `variant` on port 0 and Chromium. `postNow`
 * is the mock Post's clock (its counters' "open until"), for tests that need a time of day.
 */
export async function startBrowserShop(
  variant: Variant = 1,
  postNow?: () => number,
): Promise<BrowserShop> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does), or set CHROMIUM_PATH`,
    );
  }
  const post: MockPostServer = await createMockPostServer(
    postNow === undefined ? {} : { now: postNow },
  );
  const { clientId, clientSecret } = DEMO_CLIENT;
  const pickpost = createPickPost(
    {
      variant,
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      post: { clientId, clientSecret, baseUrls: post.baseUrls },
      selectionSecret: 'browser-test-selection-secret-0123456789',
    },
    { store: createMemoryStateStore() },
  );
  const shop = createExampleShop({ pickpost });
  const server: Server = await new Promise((resolve) => {
    const listening = shop.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  return {
    shop,
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await post.close();
    },
  };
}

/**
 * Starts a {@link BrowserShop} before the file's tests and closes it after them; read it with
 * the returned function inside a test.
 */
export function useBrowserShop(variant: Variant = 1, postNow?: () => number): () => BrowserShop {
  let env: BrowserShop | undefined;
  beforeAll(async () => {
    env = await startBrowserShop(variant, postNow);
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (env === undefined) throw new Error('the browser shop has not started');
    return env;
  };
}

/** Holds requests to `pattern` until the returned release is called. */
export async function holdRequests(page: Page, pattern: string) {
  let release = (): void => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const seen: string[] = [];
  await page.route(pattern, async (route) => {
    seen.push(route.request().url());
    await held;
    await route.continue();
  });
  return { release, seen };
}

/** Types `text` into the picker's search field and waits for the list or an answer. */
export async function searchFor(page: Page, text: string, name = 'Postcode or town') {
  const picker = page.locator('pickpost-point-picker');
  const query = picker.getByRole('textbox', { name });
  await query.fill(text);
  await query.press('Enter');
  return picker;
}

/** Waits until the picker's status says a search found points. */
export async function waitForResults(page: Page): Promise<void> {
  const picker = page.locator('pickpost-point-picker');
  await expect
    .poll(async () => picker.getByRole('status').textContent(), { timeout: 10_000 })
    .toMatch(/\d+ pick-up points? found/);
}

/** A full-page screenshot in {@link ARTEFACTS}, named `name.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(dirname(`${ARTEFACTS}${name}`), { recursive: true });
  await page.screenshot({ path: `${ARTEFACTS}${name}.png`, fullPage: true });
}

/** The element that has the focus inside the picker's shadow root, as `part` or `id`. */
export const focusedPart = (page: Page) =>
  page.locator('pickpost-point-picker').evaluate((element) => {
    const active = element.shadowRoot?.activeElement;
    return active ? (active.getAttribute('part') ?? active.id) : null;
  });

/** Answers requests to `pattern` with the checkout API's error `code`, as core would. */
export function failWith(page: Page, pattern: string, status: number, code: string) {
  return page.route(pattern, (route) =>
    route.fulfill({
      status,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code, message: 'English text for developers' } }),
    }),
  );
}
