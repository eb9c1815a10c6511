import type { CheckoutHandler, Variant } from '@pickpost/core';
import { createCheckoutHandler } from '@pickpost/core';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { rasterRects, readableBarcodes, readPng } from '../../../packages/core/test/label-readers';
import type { Shop } from './setup';
import { openShop } from './setup';

const ADMIN = 'admin-token-for-tests-0123456789';
const ORIGIN = 'https://shop.example';
type HandlerOptions = Parameters<typeof createCheckoutHandler>[1];
/** Every shop a test opened: closed after it, also when a test opens more than one. */
const shops: Shop[] = [];
afterEach(async () => {
  await Promise.all(shops.splice(0).map((shop) => shop.close()));
});

/** A checkout handler on `shop` with the test defaults, changed by `options`. */
function handlerOn(shop: Shop, options: HandlerOptions = {}) {
  return createCheckoutHandler(shop.pickpost, {
    adminToken: ADMIN,
    corsOrigins: [ORIGIN],
    widgetScript: 'customElements.define("x-test", class extends HTMLElement {});',
    ...options,
  });
}

async function open(variant: Variant, options: HandlerOptions = {}) {
  const shop = await openShop(variant);
  shops.push(shop);
  return { shop, handler: handlerOn(shop, options) };
}

const url = (path: string) => `http://shop.test/pickpost${path}`;
const get = (handler: CheckoutHandler, path: string, headers: Record<string, string> = {}) =>
  handler(new Request(url(path), { headers }));
const post = (
  handler: CheckoutHandler,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  handler(
    new Request(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const admin = { authorization: `Bearer ${ADMIN}` };

async function errorOf(response: Response) {
  return (
    (await response.json()) as {
      error: { code: string; message: string; fields?: Array<{ path: string }> };
    }
  ).error;
}

/** A browser's checkout: register (variants 1–3) and select the nearest PickPost counter. */
async function checkout(handler: CheckoutHandler) {
  const points = (await (await get(handler, '/points?zip=8001&kinds=pickpost')).json()) as {
    points: Array<{ id: string }>;
  };
  const registered = await post(handler, '/customers', { customer: HANS_MUSTER_CUSTOMER });
  const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
  const selected = await post(handler, '/selection', { pointId: points.points[0]?.id }, { cookie });
  // The anonymous session the selection was made in: the shop keeps it with the order.
  const customerRef = `session:${cookie.split('=')[1]?.split('.')[0] ?? ''}`;
  return {
    cookie,
    customerRef,
    selected: (await selected.json()) as { selection: string; pickpostId: string },
  };
}

describe('public routes', () => {
  it('GET /points searches and GET /points/:id shows one point with opening hours', async () => {
    const { handler } = await open(1);
    const response = await get(handler, '/points?zip=8001&limit=3&lang=fr');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    const { points } = (await response.json()) as {
      points: Array<{ id: string; distanceMeters: number }>;
    };
    expect(points).toHaveLength(3);
    const one = await get(handler, `/points/${encodeURIComponent(points[0]?.id ?? '')}`);
    expect(
      ((await one.json()) as { point: { openingHours: unknown } }).point.openingHours,
    ).toBeDefined();
    expect((await get(handler, '/points/unknown-point')).status).toBe(404);
  });

  it.each([
    ['/points?zip=80a1', 'zip'],
    ['/points?kinds=locker&zip=8001', 'kinds'],
    ['/points?lat=north&lng=8', 'lat'],
    ['/points?zip=8001&lang=rm', 'lang'],
    ['/points', ''],
  ])('GET %s is 422 naming %j', async (path, field) => {
    const { handler } = await open(3);
    const response = await get(handler, path);
    expect(response.status).toBe(422);
    expect((await errorOf(response)).fields?.map((entry) => entry.path)).toContain(field);
  });

  it('POST /customers registers once per session, POST /selection signs the choice with the remembered ID', async () => {
    const { shop, handler } = await open(1);
    const { cookie, selected } = await checkout(handler);
    expect(cookie).toMatch(/^pickpost_session=/);
    expect(selected.pickpostId).toMatch(/^PT/);
    expect(shop.pickpost.checkout.verifySelection(selected.selection).customerRef).toMatch(
      /^session:/,
    );
    const again = await post(handler, '/customers', { customer: HANS_MUSTER_CUSTOMER }, { cookie });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(shop.post.state.count('pickpost')).toBe(1);
  });

  it('refuses a forged session cookie by starting a new session', async () => {
    const { handler } = await open(1);
    const response = await post(
      handler,
      '/customers',
      { customer: HANS_MUSTER_CUSTOMER },
      { cookie: 'pickpost_session=AAAAAAAAAAAAAAAAAAAAAAAA.forged' },
    );
    expect(response.headers.get('set-cookie')).toMatch(/^pickpost_session=/);
  });

  it('POST /customers is 409 in variant 4, 422 for an invalid person, 400 for broken JSON, 413 when too large', async () => {
    const { handler } = await open('4a', { bodyLimitBytes: 2_000 });
    expect((await post(handler, '/customers', { customer: HANS_MUSTER_CUSTOMER })).status).toBe(
      409,
    );
    const { handler: handler1 } = await open(1, { bodyLimitBytes: 2_000 });
    const invalid = await post(handler1, '/customers', {
      customer: { ...HANS_MUSTER_CUSTOMER, zip: '80a1', name1: 'x'.repeat(40) },
    });
    expect(invalid.status).toBe(422);
    expect((await errorOf(invalid)).fields?.map((entry) => entry.path).sort()).toEqual([
      'name1',
      'zip',
    ]);
    expect((await post(handler1, '/customers', '{"customer":')).status).toBe(400);
    expect(
      (
        await handler1(
          new Request(url('/customers'), {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            body: '{}',
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await post(handler1, '/customers', {
          customer: HANS_MUSTER_CUSTOMER,
          padding: 'x'.repeat(3_000),
        })
      ).status,
    ).toBe(413);
  });

  it('POST /selection is 404 for an unknown point and 422 without a PickPost ID in variant 1', async () => {
    const { handler } = await open(1);
    expect(
      (await post(handler, '/selection', { pointId: 'no-such-point', pickpostId: '12345678' }))
        .status,
    ).toBe(404);
    const missing = await post(handler, '/selection', { pointId: '8001-T1-0' });
    expect(missing.status).toBe(422);
    expect((await errorOf(missing)).fields?.[0]?.path).toBe('pickpostId');
  });

  it('GET /widget.js serves the bundle with an ETag, 304 when unchanged, immutable when versioned', async () => {
    const { shop, handler } = await open(3);
    const first = await get(handler, '/widget.js');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('javascript');
    const etag = first.headers.get('etag') ?? '';
    expect((await get(handler, '/widget.js', { 'if-none-match': etag })).status).toBe(304);
    const versioned = await get(handler, `/widget.js?v=${etag.slice(1, -1)}`);
    expect(versioned.headers.get('cache-control')).toContain('immutable');
    const bare = handlerOn(shop, { widgetScript: undefined });
    expect((await get(bare, '/widget.js')).status).toBe(404);
  });

  it('limits requests per client with 429 and Retry-After', async () => {
    const { handler } = await open(3, { rateLimit: { max: 3, windowMs: 60_000 } });
    const statuses = [];
    for (let index = 0; index < 4; index += 1)
      statuses.push(
        (await handler(new Request(url('/points?zip=8001')), { clientIp: '10.0.0.1' })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await handler(new Request(url('/points?zip=8001')), { clientIp: '10.0.0.1' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(
      (await handler(new Request(url('/points?zip=8001')), { clientIp: '10.0.0.2' })).status,
    ).toBe(200);
  });

  it('answers CORS only for allowed origins, and only on public routes', async () => {
    const { handler, shop } = await open(3);
    const allowed = await get(handler, '/points?zip=8001', { origin: ORIGIN });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await get(handler, '/points?zip=8001', { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await handler(
      new Request(url('/selection'), { method: 'OPTIONS', headers: { origin: ORIGIN } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    // A Medusa storefront on another origin sends its publishable key with every request.
    const medusa = handlerOn(shop, { corsAllowHeaders: ['x-publishable-api-key'] });
    const keyed = await medusa(
      new Request(url('/selection'), { method: 'OPTIONS', headers: { origin: ORIGIN } }),
    );
    expect(keyed.headers.get('access-control-allow-headers')).toBe(
      'content-type, x-publishable-api-key',
    );
    expect(() => handlerOn(shop, { corsAllowHeaders: ['x-key\r\nset-cookie'] })).toThrow(
      /corsAllowHeaders/,
    );
    const adminCall = await get(handler, '/labels/996001321700000001', {
      ...admin,
      origin: ORIGIN,
    });
    expect(adminCall.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is 404 for unknown routes and paths outside its base', async () => {
    const { handler } = await open(3);
    expect((await get(handler, '/nothing-here')).status).toBe(404);
    expect((await handler(new Request('http://shop.test/other/points?zip=8001'))).status).toBe(404);
  });
});

describe('admin routes', () => {
  it('do not exist without a configured token, and need the right one', async () => {
    const { shop, handler } = await open(3);
    const open4 = handlerOn(shop, { adminToken: undefined });
    expect((await post(open4, '/shipments', {})).status).toBe(404);
    expect((await post(handler, '/shipments', {})).status).toBe(401);
    const wrong = await post(handler, '/shipments', {}, { authorization: 'Bearer wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('POST /shipments fulfils, GET /labels/:identcode returns the label, POST /labels/bulk merges', async () => {
    const { handler } = await open(2);
    const { selected, customerRef } = await checkout(handler);
    const identcodes: string[] = [];
    for (const orderRef of ['A-1', 'A-2', 'A-3']) {
      const created = await post(
        handler,
        '/shipments',
        {
          orderRef,
          selection: selected.selection,
          customerRef,
          recipient: HANS_MUSTER_CUSTOMER,
          parcel: { weightGrams: 1000 },
        },
        admin,
      );
      expect(created.status).toBe(201);
      const body = (await created.json()) as {
        identcode: string;
        label: { url: string };
        transmission: string;
      };
      expect(body.transmission).toBe('datatransfer');
      identcodes.push(body.identcode);
    }
    const label = await get(handler, `/labels/${identcodes[0]}`, admin);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await label.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await get(handler, '/labels/996001321799999999', admin)).status).toBe(404);
    const bulk = await post(handler, '/labels/bulk', { identcodes }, admin);
    expect(bulk.status).toBe(200);
    const pdf = Buffer.from(await bulk.arrayBuffer()).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(3);
    expect((await post(handler, '/labels/bulk', { identcodes: [] }, admin)).status).toBe(422);
    const flushed = await post(handler, '/datatransfer/flush', {}, admin);
    expect(((await flushed.json()) as { delivered: number }).delivered).toBe(3);
  });

  it('GET /barcodes/:identcode gives the barcode alone for the shop’s documents; POST /shipments takes an own identcode', async () => {
    const { handler } = await open(2);
    const { selected, customerRef } = await checkout(handler);
    const printed = '996001321799999990';
    const created = await post(
      handler,
      '/shipments',
      {
        orderRef: 'B-1',
        selection: selected.selection,
        customerRef,
        recipient: HANS_MUSTER_CUSTOMER,
        parcel: { weightGrams: 1000, przl: ['PRI'] },
        identcode: printed,
      },
      admin,
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as { identcode: string; barcode: { url: string } };
    expect(body.identcode).toBe(printed);
    const path = `${body.barcode.url.replace(/^\/pickpost/, '')}?format=png&resolution=600&services=1`;
    expect((await get(handler, path)).status).toBe(401);
    const barcode = await get(handler, path, admin);
    expect(barcode.headers.get('content-type')).toBe('image/png');
    const found = readableBarcodes(
      rasterRects(readPng(new Uint8Array(await barcode.arrayBuffer())).raster, 600 / 25.4),
    );
    expect(found.map((code) => code.digits).sort()).toEqual(['0509', printed].sort());
    // The label it did not draw is drawn on request.
    const label = await get(handler, `/labels/${printed}`, admin);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expect((await get(handler, `/barcodes/${printed}?format=gif`, admin)).status).toBe(422);
    expect((await get(handler, '/barcodes/996001321799999991', admin)).status).toBe(404);
  });

  it('merges Swiss Post labels of variant 1 as they are', async () => {
    const { handler } = await open(1);
    const { selected, customerRef } = await checkout(handler);
    const identcodes = [];
    for (const orderRef of ['B-1', 'B-2']) {
      const created = (await (
        await post(
          handler,
          '/shipments',
          {
            orderRef,
            selection: selected.selection,
            customerRef,
            recipient: HANS_MUSTER_CUSTOMER,
            parcel: { weightGrams: 500 },
          },
          admin,
        )
      ).json()) as { identcode: string };
      identcodes.push(created.identcode);
    }
    const bulk = await post(handler, '/labels/bulk', { identcodes }, admin);
    const pdf = Buffer.from(await bulk.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect((await post(handler, '/datatransfer/flush', {}, admin)).status).toBe(409);
  });

  it('maps a tampered selection to 422, Swiss Post failures to 502 and timeouts to 504', async () => {
    const { shop, handler } = await open(1);
    const { selected, customerRef } = await checkout(handler);
    const tampered = await post(
      handler,
      '/shipments',
      {
        orderRef: 'C-1',
        selection: `${selected.selection}x`,
        customerRef,
        recipient: HANS_MUSTER_CUSTOMER,
        parcel: { weightGrams: 500 },
      },
      admin,
    );
    expect(tampered.status).toBe(422);
    expect((await errorOf(tampered)).code).toBe('SELECTION_INVALID');
    shop.post.setFaults('barcode', { errorRate: 1, errorStatus: 500 });
    const failing = await post(
      handler,
      '/shipments',
      {
        orderRef: 'C-2',
        selection: selected.selection,
        customerRef,
        recipient: HANS_MUSTER_CUSTOMER,
        parcel: { weightGrams: 500 },
      },
      admin,
    );
    expect(failing.status).toBe(502);
    shop.post.setFaults('barcode', { latencyMs: 3_000 });
    const slow = await post(
      handler,
      '/shipments',
      {
        orderRef: 'C-3',
        selection: selected.selection,
        customerRef,
        recipient: HANS_MUSTER_CUSTOMER,
        parcel: { weightGrams: 500 },
      },
      admin,
    );
    expect(slow.status).toBe(504);
  });
});
