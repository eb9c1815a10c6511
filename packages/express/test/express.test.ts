import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PickPost } from '@pickpost/core';
import { createMemoryStateStore, createPickPost, PickPostValidationError } from '@pickpost/core';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer, demoPostOptions } from '@pickpost/mock-post-server';
import { HANS_MUSTER_CUSTOMER, VELO_SHOP } from '@pickpost/test-utils/fixtures';
import express5 from 'express';
import express4 from 'express4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPickPostMiddleware, pickPostErrorHandler } from '../src/index';

const ADMIN = 'express-admin-token-0123456789';

let post: MockPostServer;
let pickpost: PickPost;
beforeAll(async () => {
  post = await createMockPostServer();
  pickpost = createPickPost(
    {
      variant: 1,
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      post: demoPostOptions(post),
      selectionSecret: 'express-selection-secret-0123456789',
    },
    {
      store: createMemoryStateStore(),
    },
  );
});
afterAll(() => post.close());

type ExpressFactory = typeof express5;
const versions: Array<[string, ExpressFactory]> = [
  ['Express 5', express5],
  ['Express 4', express4 as unknown as ExpressFactory],
];

async function serve(
  express: ExpressFactory,
  setup: (app: ReturnType<ExpressFactory>) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  setup(app);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(versions)('%s', (_name, express) => {
  it('serves the checkout API over HTTP, cookies and all', async () => {
    const app = await serve(express, (shop) => {
      shop.use(
        '/pickpost',
        createPickPostMiddleware({ pickpost, basePath: '/pickpost', adminToken: ADMIN }),
      );
    });
    try {
      const points = await fetch(`${app.url}/pickpost/points?zip=8001&kinds=pickpost&limit=2`);
      expect(points.status).toBe(200);
      const { points: found } = (await points.json()) as { points: Array<{ id: string }> };
      expect(found).toHaveLength(2);
      const registered = await fetch(`${app.url}/pickpost/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer: HANS_MUSTER_CUSTOMER }),
      });
      expect(registered.status).toBe(200);
      const cookie = registered.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      expect(cookie).toMatch(/^pickpost_session=/);
      const selected = await fetch(`${app.url}/pickpost/selection`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ pointId: found[0]?.id }),
      });
      const { selection } = (await selected.json()) as { selection: string };
      expect(pickpost.checkout.verifySelection(selection).point.id).toBe(found[0]?.id);
      const shipment = await fetch(`${app.url}/pickpost/shipments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({
          orderRef: `E-${_name}`,
          selection,
          // The checkout session the selection was made in, as the shop keeps it with the order.
          customerRef: `session:${cookie.split('=')[1]?.split('.')[0] ?? ''}`,
          recipient: HANS_MUSTER_CUSTOMER,
          parcel: { weightGrams: 700 },
        }),
      });
      expect(shipment.status).toBe(201);
      const { label, barcode, identcode } = (await shipment.json()) as {
        label: { url: string };
        barcode: { url: string };
        identcode: string;
      };
      // The barcode alone, for the shop's delivery notes: admin only, SVG naming its identcode.
      expect((await fetch(`${app.url}${barcode.url}`)).status).toBe(401);
      const svg = await fetch(`${app.url}${barcode.url}?format=svg`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(svg.headers.get('content-type')).toContain('image/svg+xml');
      expect(await svg.text()).toContain(identcode.slice(-4));
      const pdf = await fetch(`${app.url}${label.url}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect((await fetch(`${app.url}/pickpost/nothing`)).status).toBe(404);
      const widget = await fetch(`${app.url}/pickpost/widget.js`);
      expect(widget.headers.get('content-type')).toContain('javascript');
      expect(await widget.text()).toContain('pickpost-point-picker');
    } finally {
      await app.close();
    }
  });

  it('serves the routes at the root when mounted at / with basePath /', async () => {
    const app = await serve(express, (shop) => {
      shop.use('/', createPickPostMiddleware({ pickpost, basePath: '/' }));
    });
    try {
      const widget = await fetch(`${app.url}/widget.js`);
      expect(widget.status).toBe(200);
      expect(await widget.text()).toContain('pickpost-point-picker');
      const points = await fetch(`${app.url}/points?zip=8001&kinds=pickpost&limit=1`);
      expect(points.status).toBe(200);
      expect(((await points.json()) as { points: unknown[] }).points).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('works after express.json() has read the body, and refuses bodies over the limit', async () => {
    const app = await serve(express, (shop) => {
      shop.use(express.json({ limit: '1mb' }));
      shop.use(
        '/pickpost',
        createPickPostMiddleware({ pickpost, basePath: '/pickpost', bodyLimitBytes: 4_000 }),
      );
    });
    try {
      const registered = await fetch(`${app.url}/pickpost/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer: HANS_MUSTER_CUSTOMER }),
      });
      expect(registered.status).toBe(200);
      const tooLarge = await fetch(`${app.url}/pickpost/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer: HANS_MUSTER_CUSTOMER, padding: 'x'.repeat(10_000) }),
      });
      expect(tooLarge.status).toBe(413);
    } finally {
      await app.close();
    }
  });

  it('rate-limits per req.ip: per shopper behind a trusted proxy, shared without trust proxy', async () => {
    const limited = (trustProxy: boolean) =>
      serve(express, (shop) => {
        if (trustProxy) shop.set('trust proxy', 1);
        shop.use(
          '/pickpost',
          createPickPostMiddleware({
            pickpost,
            basePath: '/pickpost',
            rateLimit: { max: 2, windowMs: 60_000 },
          }),
        );
      });
    const statuses = async (url: string) => {
      const result = [];
      for (const ip of ['203.0.113.1', '203.0.113.1', '203.0.113.2']) {
        result.push(
          (await fetch(`${url}/pickpost/points?zip=3011`, { headers: { 'x-forwarded-for': ip } }))
            .status,
        );
      }
      return result;
    };
    const trusted = await limited(true);
    const untrusted = await limited(false);
    try {
      expect(await statuses(trusted.url)).toEqual([200, 200, 200]);
      expect(await statuses(untrusted.url)).toEqual([200, 200, 429]);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });

  it('answers errors of the shop’s own routes in the PickPost JSON form', async () => {
    const app = await serve(express, (shop) => {
      shop.get('/checkout', () => {
        throw new PickPostValidationError('order', [
          { path: 'recipient.zip', message: 'must be a Swiss postcode', code: 'invalid_zip' },
        ]);
      });
      shop.get('/boom', () => {
        throw new Error('database password=hunter2 leaked');
      });
      shop.use(pickPostErrorHandler());
    });
    try {
      const invalid = await fetch(`${app.url}/checkout`);
      expect(invalid.status).toBe(422);
      expect(await invalid.json()).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining('recipient.zip'),
          fields: [{ path: 'recipient.zip', message: 'must be a Swiss postcode' }],
        },
      });
      const internal = await fetch(`${app.url}/boom`);
      expect(internal.status).toBe(500);
      expect(await internal.text()).not.toContain('hunter2');
    } finally {
      await app.close();
    }
  });
});
