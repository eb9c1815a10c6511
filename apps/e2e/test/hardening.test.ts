import type { CheckoutHandler, Variant } from '@pickpost/core';
import { createCheckoutHandler } from '@pickpost/core';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { Shop } from './setup';
import { openShop } from './setup';

/**
 * What an attacker or an unlucky shopper can do to the checkout API (issue 13): each test was
 * written against an answer the handler gave before it was hardened.
 */
const ADMIN = 'admin-token-for-tests-0123456789';
const ORIGIN = 'https://shop.example';
type HandlerOptions = Parameters<typeof createCheckoutHandler>[1];
const shops: Shop[] = [];
afterEach(async () => {
  await Promise.all(shops.splice(0).map((shop) => shop.close()));
});

async function open(variant: Variant, options: HandlerOptions = {}) {
  const shop = await openShop(variant);
  shops.push(shop);
  const handler = createCheckoutHandler(shop.pickpost, {
    adminToken: ADMIN,
    corsOrigins: [ORIGIN],
    ...options,
  });
  return { shop, handler };
}

const url = (path: string) => `http://shop.test/pickpost${path}`;
const call = (
  handler: CheckoutHandler,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; ip?: string } = {},
) =>
  handler(
    new Request(url(path), {
      method,
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    }),
    { clientIp: init.ip ?? '203.0.113.7' },
  );
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string; requestId?: string } })
    .error;

describe('registration is no amplifier', () => {
  it('stores nothing for invalid input and sends nothing to Swiss Post', async () => {
    const { shop, handler } = await open(1);
    const before = shop.post.state.count('pickpost');
    const invalid = await call(handler, 'POST', '/customers', {
      body: { customer: { name1: 'Muster', zip: '8008', city: 'Zürich' } },
    });
    expect(invalid.status).toBe(422);
    expect(shop.post.state.count('pickpost')).toBe(before);
    expect(await shop.store.list('pickpost:')).toEqual([]);
  });

  it('limits registrations per client and per session, with 429 and Retry-After', async () => {
    const { shop, handler } = await open(1, {
      registrationLimit: {
        perClient: { max: 4, windowMs: 3_600_000 },
        perCustomer: { max: 2, windowMs: 86_400_000 },
      },
    });
    const register = (ip: string, cookie?: string) =>
      call(handler, 'POST', '/customers', {
        body: { customer: HANS_MUSTER_CUSTOMER },
        ip,
        headers: cookie === undefined ? {} : { cookie },
      });
    const first = await register('198.51.100.1');
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await register('198.51.100.1', cookie)).status).toBe(200);
    const thirdInSession = await register('198.51.100.1', cookie);
    expect(thirdInSession.status).toBe(429);
    expect(thirdInSession.headers.get('retry-after')).toMatch(/^\d+$/);
    // New sessions from one address: the per-client limit holds them back.
    const statuses = [];
    for (let index = 0; index < 4; index += 1)
      statuses.push((await register('198.51.100.2')).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect((await register('198.51.100.2')).status).toBe(429);
    // Sixty anonymous attempts from one address make at most the allowed registrations.
    const before = shop.post.state.count('pickpost');
    for (let index = 0; index < 60; index += 1) await register('198.51.100.3');
    expect(shop.post.state.count('pickpost') - before).toBeLessThanOrEqual(4);
  });

  it('forgets the PickPost ID of an anonymous session when its selections would expire', async () => {
    const { shop } = await open(1);
    const customer = await shop.pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, {
      customerRef: 'session:abc',
    });
    expect(await shop.pickpost.checkout.findCustomer('session:abc')).toEqual(customer);
    const stored = await shop.store.get('pickpost:customer:session%3Aabc');
    const { expiresAt } = JSON.parse(stored?.value ?? '{}') as { expiresAt?: number };
    expect(expiresAt).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    // A logged-in customer's is kept.
    await shop.pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef: 'c-17' });
    const kept = await shop.store.get('pickpost:customer:c-17');
    expect(JSON.parse(kept?.value ?? '{}')).not.toHaveProperty('expiresAt');
    // No operation record stays behind.
    expect((await shop.store.list('pickpost:op:register:')).length).toBe(0);
  });
});

describe('client errors are never 500s', () => {
  it('answers 400 for a path that is not valid percent-encoding, and 405 with Allow for other methods', async () => {
    const { handler } = await open(2);
    expect((await call(handler, 'GET', '/points/%E0%A4%A')).status).toBe(400);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const answer = await call(handler, method, '/points');
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET, HEAD');
    }
    // fetch refuses to build a TRACE Request; a platform adapter hands it over as it came.
    const trace = await handler.answer(
      {
        method: 'TRACE',
        url: new URL(url('/points')),
        header: () => null,
        jsonBody: async () => ({}),
        toFetchRequest: () => {
          throw new Error('not needed');
        },
      },
      {},
    );
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD');
    const head = await call(handler, 'HEAD', '/points?zip=8001');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('names the missing field of POST /shipments', async () => {
    const { handler } = await open(2);
    const answer = await call(handler, 'POST', '/shipments', {
      body: { orderRef: 'X-1', selection: 'a.b', customerRef: 'c-1', recipient: {} },
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(answer.status).toBe(422);
  });

  it('refuses application/json-seq and answers 413 and 400 with CORS headers for an allowed origin', async () => {
    const { handler } = await open(2);
    const seq = await call(handler, 'POST', '/selection', {
      body: '{"pointId":"x"}',
      headers: { 'content-type': 'application/json-seq', origin: ORIGIN },
    });
    expect(seq.status).toBe(400);
    expect(seq.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const large = await call(handler, 'POST', '/selection', {
      body: { pointId: 'x'.repeat(40_000) },
      headers: { origin: ORIGIN },
    });
    expect(large.status).toBe(413);
    expect(large.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});

describe('public errors say little, and the log says the rest under a request id', () => {
  it('tells a shopper that Swiss Post is unavailable without its URL, with a request id that the log carries', async () => {
    const lines: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
    };
    const { shop, handler } = await open(2, { logger });
    shop.post.setFaults('locations', { errorRate: 1, errorStatus: 503 });
    const answer = await call(handler, 'GET', '/points?zip=3011');
    expect(answer.status).toBe(502);
    const error = await errorOf(answer);
    expect(error.message).not.toMatch(/127\.0\.0\.1|http|StandortSuche/);
    expect(error.requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(answer.headers.get('x-request-id')).toBe(error.requestId);
    expect(lines.some((line) => line.fields?.requestId === error.requestId)).toBe(true);
  });

  it('does not pass Swiss Post’s reason for refused credentials to the browser', async () => {
    const { shop, handler } = await open(1);
    shop.post.setFaults('token', { errorRate: 1, errorStatus: 500 });
    const answer = await call(handler, 'POST', '/customers', {
      body: { customer: HANS_MUSTER_CUSTOMER },
    });
    const error = await errorOf(answer);
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expect(error.message).not.toMatch(/credentials|invalid_client|HTTP/);
  });
});

describe('admin authentication has a brake', () => {
  it('answers 429 after ten wrong tokens from one client, without checking further guesses', async () => {
    const { handler } = await open(2);
    const statuses = [];
    for (let index = 0; index < 14; index += 1) {
      const answer = await call(handler, 'POST', '/datatransfer/flush', {
        headers: { authorization: `Bearer guess-${index}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(4).fill(429));
    // Even the right token waits now; another client is not affected.
    expect(
      (
        await call(handler, 'POST', '/datatransfer/flush', {
          headers: { authorization: `Bearer ${ADMIN}` },
        })
      ).status,
    ).toBe(429);
    expect(
      (
        await call(handler, 'POST', '/datatransfer/flush', {
          headers: { authorization: `Bearer ${ADMIN}` },
          ip: '192.0.2.99',
        })
      ).status,
    ).toBe(200);
  });
});
