import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AARAU_POINT, VELO_SHOP } from '../../test/fixtures';
import { createMemoryStateStore } from '../ports/memory-state-store';
import type { PostClient } from '../post/post-client';
import { createPickPost } from '../variants/create-pickpost';
import { signSelection } from '../variants/selection';
import { readJsonBody } from './body';
import type { CheckoutHandler } from './checkout-handler';
import { createCheckoutHandler } from './checkout-handler';
import type { CheckoutRequest } from './exchange';

/**
 * Whatever a client sends — any method, path, query, headers and body — the checkout handler
 * answers with a client error or a success, never a 500: a 500 means the handler did not
 * understand a request it should have refused by name. Swiss Post is a healthy fake here, so
 * no answer has an upstream reason to fail either.
 */
const ADMIN = 'admin-token-0123456789abcdef';

let dir: string;
let handler: CheckoutHandler;
/** A selection the handler signed itself, so bodies can get past the signature check. */
const now = Math.floor(Date.now() / 1000);
const VALID_SELECTION = signSelection(
  {
    v: 1,
    customerRef: 'c-1',
    variant: 2,
    point: { ...AARAU_POINT, country: 'CH' },
    pickpostId: '12345678',
    iat: now,
    exp: now + 3600,
  },
  's'.repeat(32),
);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-handler-property-'));
  const post = {
    endpoints: {},
    authorise: async () => {},
    locations: { search: async () => [], get: async () => undefined },
    pickpost: { registerUser: async () => ({ pickpostId: 'PT000001', verified: false }) },
    barcode: {},
    address: {},
  } as unknown as PostClient;
  const pickpost = createPickPost(
    {
      variant: 2,
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      selectionSecret: 's'.repeat(32),
      post: { clientId: 'shop', clientSecret: 'secret-value' },
      dataTransfer: { transport: { type: 'directory', dir } },
    },
    { store: createMemoryStateStore(), post },
  );
  handler = createCheckoutHandler(pickpost, {
    adminToken: ADMIN,
    corsOrigins: ['https://shop.example'],
    rateLimit: { max: 1_000_000, windowMs: 1_000 },
    registrationLimit: { perClient: { max: 1_000_000, windowMs: 1_000 } },
    adminFailureLimit: { max: 1_000_000, windowMs: 1_000 },
    widgetScript: 'console.log(1)',
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const segment = fc.oneof(
  fc.constantFrom('points', 'customers', 'selection', 'widget.js', 'shipments', 'labels', 'bulk'),
  fc.constantFrom('datatransfer', 'flush', '996001321700000001', '..', '.', '%', '%E0%A4%A', '%2F'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
/** Known routes most of the time, so requests get past routing into the handlers. */
const path = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '/pickpost/points',
      '/pickpost/points/8001-T1-0',
      '/pickpost/customers',
      '/pickpost/selection',
      '/pickpost/widget.js',
      '/pickpost/shipments',
      '/pickpost/labels/996001321700000001',
      '/pickpost/labels/bulk',
      '/pickpost/datatransfer/flush',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.array(segment, { maxLength: 4 }).map((parts) => `/pickpost/${parts.join('/')}`),
  },
);
const query = fc.dictionary(
  fc.constantFrom('zip', 'town', 'lat', 'lng', 'kinds', 'limit', 'lang', 'v', 'x'),
  fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('8001', '-1', 'NaN', '1e309', 'de')),
  { maxKeys: 4 },
);
/** Mostly valid, sometimes broken or missing: one field at a time gets past the others. */
const mostly = <T>(valid: T, broken: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: broken },
  );

/** An admin order whose fields are valid but for a few: missing, empty or of the wrong kind. */
const order = fc
  .record({
    orderRef: mostly('A-1', fc.anything({ maxDepth: 1 })),
    selection: mostly(VALID_SELECTION, fc.string({ maxLength: 20 })),
    customerRef: mostly('c-1', fc.anything({ maxDepth: 1 })),
    recipient: mostly(
      { name1: 'Muster', zip: '8008', city: 'Zürich' },
      fc.anything({ maxDepth: 2 }),
    ),
    parcel: mostly({ weightGrams: 800 }, fc.anything({ maxDepth: 2 })),
    parcelIndex: fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 0 })),
  })
  .map((value) => JSON.stringify(value));

const body = fc.oneof(
  { weight: 4, arbitrary: order },
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc
    .record({
      pointId: fc.string({ maxLength: 20 }),
      customer: fc.anything({ maxDepth: 2 }),
      selection: fc.string({ maxLength: 30 }),
      customerRef: fc.string({ maxLength: 10 }),
      identcodes: fc.anything({ maxDepth: 1 }),
      parcel: fc.anything({ maxDepth: 2 }),
    })
    .map((value) => JSON.stringify(value)),
);
const headers = fc.record(
  {
    'content-type': fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'application/json-seq',
          'text/plain',
          '',
        ),
      },
    ),
    origin: fc.constantFrom('https://shop.example', 'https://evil.example', 'null'),
    authorization: fc.oneof(
      { weight: 3, arbitrary: fc.constant(`Bearer ${ADMIN}`) },
      { weight: 1, arbitrary: fc.constantFrom('Bearer wrong', 'Basic abc', '') },
    ),
    cookie: fc.constantFrom('pickpost_session=abc.def', 'pickpost_session=', 'x=1', ''),
    'if-none-match': fc.string({ maxLength: 8 }),
  },
  { requiredKeys: ['content-type', 'authorization'] },
);
const method = fc.constantFrom(
  'GET',
  'HEAD',
  'POST',
  'OPTIONS',
  'PUT',
  'DELETE',
  'PATCH',
  'TRACE',
  'BREW',
);

/** A request as a platform adapter hands it over: any method, the raw path and headers. */
function requestOf(
  verb: string,
  target: string,
  sent: Record<string, string>,
  payload: string | undefined,
): CheckoutRequest {
  return {
    method: verb,
    url: new URL(`http://shop.test${target}`),
    header: (name) => (sent[name] === undefined || sent[name] === '' ? null : sent[name]),
    jsonBody: (limit) =>
      readJsonBody(
        new Request('http://shop.test/', {
          method: 'POST',
          headers: Object.fromEntries(Object.entries(sent).filter(([, value]) => value !== '')),
          ...(payload === undefined ? {} : { body: payload }),
        }),
        limit,
      ),
    toFetchRequest: () => new Request(`http://shop.test${target}`),
  };
}

describe('the checkout handler under any input', () => {
  it('never answers 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        query,
        headers,
        body,
        async (verb, target, search, sent, payload) => {
          const params = new URLSearchParams(search).toString();
          const answer = await handler.answer(
            requestOf(verb, params === '' ? target : `${target}?${params}`, sent, payload),
            { clientIp: '203.0.113.1' },
          );
          expect(answer.status, `${verb} ${target}`).toBeLessThan(500);
        },
      ),
      { seed: 20_261_202, numRuns: 20_000 },
    );
  }, 120_000);
});
