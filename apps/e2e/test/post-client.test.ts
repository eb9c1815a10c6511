import type { LogFields, Logger, ShipmentInput } from '@pickpost/core';
import {
  ConfigError,
  createManualClock,
  isPostApiError,
  isPostAuthError,
  PickPostValidationError,
  PostNetworkError,
  PostResponseError,
  PostTimeoutError,
} from '@pickpost/core';
import type { PostClientOptions } from '@pickpost/core/post';
import { createPostClient } from '@pickpost/core/post';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { HANS_MUSTER_CUSTOMER, ORDER_1042, VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const SECRET = 'demo-secret';
let post: MockPostServer;
const logLines: string[] = [];
const capturingLogger: Logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (message: string, fields?: LogFields) =>
      logLines.push(`${level} ${message} ${JSON.stringify(fields)}`),
  ]),
) as unknown as Logger;

/** A client on the mock with fast retries, so fault tests finish in milliseconds. */
function client(overrides: Partial<PostClientOptions> = {}) {
  return createPostClient({
    clientId: 'demo-shop',
    clientSecret: SECRET,
    baseUrls: post.baseUrls,
    timeoutMs: 2_000,
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxTotalMs: 5_000 },
    logger: capturingLogger,
    ...overrides,
  });
}

const SENDER = VELO_SHOP;

function shipment(change: Partial<ShipmentInput> = {}): ShipmentInput {
  return {
    ...ORDER_1042,
    // `#` may not appear in an ItemID (E2045) [V HB-EN §5.3.1]: the client must replace it.
    orderRef: '#1042',
    recipient: HANS_MUSTER_CUSTOMER,
    ...change,
  };
}

beforeAll(async () => {
  post = await createMockPostServer({ seed: 42 });
});
afterEach(() => {
  for (const route of ['token', 'barcode', 'pickpost', 'locations', 'address'] as const)
    post.setFaults(route, undefined);
});
afterAll(() => post.close());

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function expectNoSecrets(error: unknown) {
  const serialised = `${String(error)} ${JSON.stringify(error)}`;
  expect(serialised).not.toContain(SECRET);
  for (const token of post.state.tokens.keys()) expect(serialised).not.toContain(token);
}

describe('pickpost.registerUser', () => {
  it('registers a customer and returns the same ID the second time', async () => {
    const pickpost = client().pickpost;
    const first = await pickpost.registerUser(shipment().recipient);
    expect(first).toEqual({ pickpostId: expect.stringMatching(/^PT\d{6}$/), verified: false });
    expect(await pickpost.registerUser(shipment().recipient, { service: 'mypost24' })).toEqual(
      first,
    );
  });

  it('refuses a person without salutation or street before calling Swiss Post', async () => {
    const before = post.state.count('pickpost');
    const error = await caught(
      client().pickpost.registerUser({
        name1: 'Muster',
        poBox: 'Postfach 1',
        zip: '8008',
        city: 'Zürich',
      }),
    );
    expect(error).toBeInstanceOf(PickPostValidationError);
    expect((error as PickPostValidationError).paths).toEqual([
      'recipient.title',
      'recipient.firstName',
      'recipient.street',
      'recipient.email',
    ]);
    expect(post.state.count('pickpost')).toBe(before);
  });
});

describe('barcode.generateAddressLabel', () => {
  it('returns the identcode and a PDF label, with the PickPost line in name2 and the point as address', async () => {
    const label = await client().barcode.generateAddressLabel({
      shipment: shipment(),
      sender: SENDER,
      frankingLicense: '60013217',
      itemNumber: 5959,
    });
    expect(label.identcode).toBe('996001321700005959');
    expect(label.itemId).toMatch(/^-1042-[0-9a-f]{8}-0$/);
    expect(
      Buffer.from(label.label ?? [])
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(label.recoveredDuplicate).toBe(false);
    const received = post.state.shipments.find((entry) => entry.identcode === label.identcode);
    expect(received?.recipient).toMatchObject({
      firstName: 'Hans',
      name1: 'Muster',
      name2: 'PickPost 12345678',
      street: 'Bahnhofstrasse',
      houseNo: '67',
      zip: '5000',
      city: 'Aarau',
    });
  });

  it('writes MyPost24 <ID> for a terminal and no ID line in variant 4', async () => {
    const terminal = shipment({
      pickupPoint: { ...shipment().pickupPoint, kind: 'mypost24' } as ShipmentInput['pickupPoint'],
    });
    const locker = await client().barcode.generateAddressLabel({
      shipment: terminal,
      sender: SENDER,
      frankingLicense: '60013217',
    });
    expect(
      post.state.shipments.find((entry) => entry.identcode === locker.identcode)?.recipient.name2,
    ).toBe('MyPost24 12345678');
    const { pickpostId: _none, ...withoutId } = shipment();
    const plain = await client().barcode.generateAddressLabel({
      shipment: withoutId,
      sender: SENDER,
      frankingLicense: '60013217',
      label: { format: 'zpl' },
    });
    expect(
      post.state.shipments.find((entry) => entry.identcode === plain.identcode)?.recipient.name2,
    ).toBeUndefined();
    expect(Buffer.from(plain.label ?? []).toString()).toMatch(/^\^XA/);
  });

  it('turns E-codes into PostApiError with the Swiss Post code', async () => {
    const error = await caught(
      client().barcode.generateAddressLabel({
        shipment: shipment(),
        sender: SENDER,
        frankingLicense: '12345678',
      }),
    );
    expect(isPostApiError(error) && error.postCode).toBe('E2010');
    expect(isPostApiError(error) && error.status).toBe(200);
  });

  it('validates the shipment before anything is sent', async () => {
    const before = post.state.count('barcode') + post.state.count('token');
    const error = await caught(
      client().barcode.generateAddressLabel({
        shipment: shipment({ parcel: { weightGrams: 0, przl: [] } }),
        sender: SENDER,
        frankingLicense: '60013217',
      }),
    );
    expect((error as PickPostValidationError).paths).toEqual(['parcel.weightGrams', 'parcel.przl']);
    expect(post.state.count('barcode') + post.state.count('token')).toBe(before);
  });

  it('refuses SVG, which the Barcode web service does not render', async () => {
    await expect(
      client().barcode.generateAddressLabel({
        shipment: shipment(),
        sender: SENDER,
        frankingLicense: '60013217',
        label: { format: 'svg' },
      }),
    ).rejects.toThrow(/label.format: svg is not offered/);
  });

  it('a lost answer to a label request with an item number is resolved through E2016, never a second label', async () => {
    // The first attempt is processed, then its connection dropped; the repeat goes through.
    post.setFaults('barcode', { dropRate: 1, dropWhen: 'after', times: 1 });
    const label = await client().barcode.generateAddressLabel({
      shipment: shipment({ orderRef: 'lost-1' }),
      sender: SENDER,
      frankingLicense: '60013217',
      itemNumber: 880001,
    });
    expect(label.identcode).toBe('996001321700880001');
    expect(
      post.state.shipments.filter((entry) => entry.identcode === label.identcode),
    ).toHaveLength(1);
    expect(label.recoveredDuplicate).toBe(true);
    expect(label.label).toBeUndefined();
  });

  it('does not repeat a label request without item number after an uncertain failure', async () => {
    post.setFaults('barcode', { dropRate: 1, dropWhen: 'after' });
    const before = post.state.count('barcode');
    const shipmentsBefore = post.state.shipments.length;
    const error = await caught(
      client().barcode.generateAddressLabel({
        shipment: shipment({ orderRef: 'lost-2' }),
        sender: SENDER,
        frankingLicense: '60013217',
      }),
    );
    expect(error).toBeInstanceOf(PostNetworkError);
    expect(post.state.count('barcode')).toBe(before + 1);
    expect(post.state.shipments.length).toBe(shipmentsBefore + 1);
  });
});

describe('locations', () => {
  it('searches by postcode, nearest first, with distances', async () => {
    const points = await client().locations.search({ zip: '8001' });
    expect(points).toHaveLength(10);
    const distances = points.map((point) => point.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(points[0]).toMatchObject({
      zip: expect.stringMatching(/^80\d\d$/),
      city: 'Zürich',
      street: expect.any(String),
      houseNo: expect.any(String),
    });
  });

  it('filters by kind, limits, and searches by town and coordinates', async () => {
    const locations = client().locations;
    const terminals = await locations.search({ town: 'Lausanne', kinds: ['mypost24'], limit: 3 });
    expect(terminals).toHaveLength(3);
    expect(terminals.every((point) => point.kind === 'mypost24')).toBe(true);
    const near = await locations.search({ lat: 46.0037, lng: 8.9511, limit: 1 });
    expect(near[0]?.city).toBe('Lugano');
    expect(await locations.search({ zip: '9999' })).toEqual([]);
  });

  it('widens the search in sparse regions', async () => {
    const points = await client().locations.search({ zip: '7742', limit: 5 });
    expect(points).toHaveLength(5);
    expect(points.at(-1)?.distanceMeters).toBeGreaterThan(3_000);
  });

  it('gets one point with its opening hours, or undefined', async () => {
    const point = await client().locations.get('8001-T1-0');
    expect(point).toMatchObject({
      id: '8001-T1-0',
      kind: 'pickpost',
      zip: '8001',
      city: 'Zürich',
      openingHours: {
        mon: [
          { from: '07:30', to: '12:00' },
          { from: '13:30', to: '18:30' },
        ],
      },
    });
    expect(await client().locations.get('no-such-point')).toBeUndefined();
  });

  it('refuses a query that is not one of zip, town or coordinates', async () => {
    await expect(client().locations.search({ zip: '8001', town: 'Zürich' })).rejects.toBeInstanceOf(
      PickPostValidationError,
    );
    await expect(client().locations.search({ zip: '80a1' })).rejects.toThrow(
      /zip: must be a Swiss postcode/,
    );
  });

  it('needs no credentials', async () => {
    const keyless = createPostClient({ baseUrls: post.baseUrls });
    expect((await keyless.locations.search({ zip: '3011', limit: 2 })).length).toBe(2);
    await expect(keyless.pickpost.registerUser(shipment().recipient)).rejects.toBeInstanceOf(
      ConfigError,
    );
  });
});

describe('address.validate', () => {
  it('grades addresses and says whether to trust them', async () => {
    const address = client().address;
    expect(
      await address.validate({
        street: 'Bahnhofstrasse',
        houseNo: '1',
        zip: '8001',
        city: 'Zürich',
      }),
    ).toMatchObject({ quality: 'CERTIFIED', acceptable: true });
    expect(
      await address.validate({ street: 'Irgendweg', houseNo: '3', zip: '8001', city: 'zurich' }),
    ).toMatchObject({ quality: 'FIXED', acceptable: false, normalised: { city: 'Zürich' } });
    await expect(address.validate({ zip: '12', city: '' })).rejects.toBeInstanceOf(
      PickPostValidationError,
    );
  });
});

describe('tokens', () => {
  it('100 concurrent calls on a cold cache make exactly one token request', async () => {
    const fresh = client();
    const before = post.state.count('token');
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        fresh.address.validate({ street: 'Hauptstrasse', houseNo: '1', zip: '3011', city: 'Bern' }),
      ),
    );
    expect(results).toHaveLength(100);
    expect(post.state.count('token') - before).toBe(1);
  });

  it('refreshes a token that expired mid-run once, and retries the call once', async () => {
    let now = Date.parse('2026-06-01T10:00:00Z');
    const timed = await createMockPostServer({ now: () => now });
    try {
      // The client's clock lags: it believes its token is still good when the Post has expired it.
      const fresh = createPostClient({
        clientId: 'demo-shop',
        clientSecret: SECRET,
        baseUrls: timed.baseUrls,
        clock: createManualClock(now),
        logger: capturingLogger,
      });
      await fresh.address.validate({ zip: '3011', city: 'Bern' });
      now += 61_000;
      expect((await fresh.address.validate({ zip: '3011', city: 'Bern' })).quality).toBe('USABLE');
      expect(timed.state.count('token')).toBe(2);
      expect(
        timed.state.requests
          .filter((request) => request.route === 'address')
          .map((request) => request.status),
      ).toEqual([200, 401, 200]);
    } finally {
      await timed.close();
    }
  });

  it('renews ahead of expiry without a 401', async () => {
    const clock = createManualClock(Date.now());
    const fresh = client({ clock });
    const before = post.state.count('token');
    await fresh.address.validate({ zip: '3011', city: 'Bern' });
    clock.advance(51_000);
    await fresh.address.validate({ zip: '3011', city: 'Bern' });
    expect(post.state.count('token') - before).toBe(2);
  });

  it('reports refused credentials as PostAuthError without the secret', async () => {
    const error = await caught(
      createPostClient({
        clientId: 'demo-shop',
        clientSecret: 'wrong-secret-value',
        baseUrls: post.baseUrls,
      }).address.validate({ zip: '3011', city: 'Bern' }),
    );
    expect(isPostAuthError(error) && error.status).toBe(401);
    expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
  });

  it('an early token expiry is refreshed once and the call succeeds', async () => {
    const fresh = client();
    await fresh.address.validate({ zip: '3011', city: 'Bern' });
    const tokensBefore = post.state.count('token');
    post.setFaults('address', { tokenExpiryRate: 1, times: 1 });
    expect((await fresh.address.validate({ zip: '3011', city: 'Bern' })).quality).toBe('USABLE');
    expect(post.state.count('token') - tokensBefore).toBe(1);
  });

  it('a token refused twice ends in PostAuthError', async () => {
    post.setFaults('address', { tokenExpiryRate: 1 });
    const error = await caught(client().address.validate({ zip: '3011', city: 'Bern' }));
    expect(isPostAuthError(error) && error.status).toBe(401);
    expectNoSecrets(error);
  });
});

describe('token endpoint answers without a scope', () => {
  it('after its retries, says the configured empty scope is the likely cause, not an outage', async () => {
    const before = post.state.count('token');
    const error = await caught(
      client({ scopes: { address: '' } }).address.validate({ zip: '3011', city: 'Bern' }),
    );
    // The mock answered every attempt 503 with an empty body; the client retried each time.
    expect(post.state.count('token') - before).toBe(4);
    expect(isPostAuthError(error) && error.status).toBe(503);
    expect(String(error)).toContain('no scope (the configured scope is empty)');
    expect(String(error)).toContain('what Swiss Post answers when the scope is missing or unknown');
    expectNoSecrets(error);
  });

  it('names the scope it asked for when Swiss Post answers as for a missing one', async () => {
    // As if Swiss Post did not know the scope: the request reaches the mock without it.
    const withoutScope: typeof fetch = (input, init) => {
      const body = init?.body;
      if (!(body instanceof URLSearchParams)) return fetch(input, init);
      const stripped = new URLSearchParams(body);
      stripped.delete('scope');
      return fetch(input, { ...init, body: stripped });
    };
    const error = await caught(
      client({ fetch: withoutScope }).barcode.generateAddressLabel({
        shipment: shipment(),
        sender: SENDER,
        frankingLicense: '60013217',
      }),
    );
    expect(isPostAuthError(error) && error.status).toBe(503);
    expect(String(error)).toContain('scope "DCAPI_BARCODE_READ"');
    expect(String(error)).not.toMatch(/unavailable|could not be reached/i);
    expectNoSecrets(error);
  });

  it('still reports a 503 with a body as a retryable outage', async () => {
    post.setFaults('token', { errorRate: 1, errorStatus: 503 });
    const error = await caught(client().address.validate({ zip: '3011', city: 'Bern' }));
    expect(isPostApiError(error) && error.status).toBe(503);
    expect(isPostApiError(error) && error.retryable).toBe(true);
  });
});

describe('faults', () => {
  it('recovers from transient 503s', async () => {
    post.setFaults('locations', { errorRate: 1, errorStatus: 503, times: 3 });
    const before = post.state.count('locations');
    expect((await client().locations.search({ lat: 46.948, lng: 7.4474, limit: 1 })).length).toBe(
      1,
    );
    expect(post.state.count('locations') - before).toBe(4);
  });

  it('ends in a retryable PostApiError after the last attempt when 500s persist', async () => {
    post.setFaults('locations', { errorRate: 1, errorStatus: 500 });
    const before = post.state.count('locations');
    const error = await caught(client().locations.search({ lat: 46.948, lng: 7.4474 }));
    expect(isPostApiError(error) && error.status).toBe(500);
    expect(isPostApiError(error) && error.retryable).toBe(true);
    expect(post.state.count('locations') - before).toBe(4);
  });

  it('honours Retry-After on 429', async () => {
    post.setFaults('locations', { rateLimitRate: 1, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    expect((await client().locations.get('8001-T1-0'))?.id).toBe('8001-T1-0');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('gives up on a Retry-After longer than the time budget', async () => {
    post.setFaults('locations', { rateLimitRate: 1, retryAfterSeconds: 60 });
    const started = Date.now();
    const error = await caught(client().locations.get('8001-T1-0'));
    expect(isPostApiError(error) && error.retryAfterSeconds).toBe(60);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('times out slow answers within the bound', async () => {
    post.setFaults('locations', { latencyMs: 400 });
    const started = Date.now();
    const error = await caught(
      client({
        timeoutMs: 100,
        retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10, maxTotalMs: 1_000 },
      }).locations.get('8001-T1-0'),
    );
    expect(error).toBeInstanceOf(PostTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expectNoSecrets(error);
  });

  it('repeats after a dropped connection', async () => {
    post.setFaults('pickpost', { dropRate: 1, dropWhen: 'before', times: 2 });
    const before = post.state.count('pickpost');
    expect((await client().pickpost.registerUser(shipment().recipient)).pickpostId).toMatch(/^PT/);
    expect(post.state.count('pickpost') - before).toBe(3);
  });

  it('turns an HTML answer from a gateway into PostResponseError', async () => {
    post.setFaults('address', { malformedRate: 1 });
    const error = await caught(client().address.validate({ zip: '3011', city: 'Bern' }));
    expect(error).toBeInstanceOf(PostResponseError);
    expect((error as PostResponseError).service).toBe('address');
  });

  it('reports an unreachable Post as PostNetworkError', async () => {
    const error = await caught(
      createPostClient({
        baseUrls: { locations: 'http://127.0.0.1:9/api' },
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 1_000 },
      }).locations.get('x'),
    );
    expect(error).toBeInstanceOf(PostNetworkError);
  });
});

describe('secrets', () => {
  // Runs last in this file: every log line the tests above produced was captured.
  it('no log line held the client secret or a token', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.join('\n');
    expect(all).not.toContain(SECRET);
    for (const token of post.state.tokens.keys()) expect(all).not.toContain(token);
  });
});
