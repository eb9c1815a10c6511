import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import { postJson, sampleLabelRequest, tokenFor } from './helpers';

let post: MockPostServer;
let clock = Date.parse('2026-06-01T10:00:00Z');

beforeAll(async () => {
  post = await createMockPostServer({ now: () => clock, bodyLimitBytes: 64 * 1024 });
});
afterAll(() => post.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

const DEMO_GRANT = {
  grant_type: 'client_credentials',
  client_id: 'demo-shop',
  client_secret: 'demo-secret',
};

describe('OAuth token endpoint', () => {
  it('issues a 60-second bearer token for known credentials and scopes', async () => {
    const response = await fetch(
      post.baseUrls.token,
      form({ ...DEMO_GRANT, scope: 'DCAPI_BARCODE_READ' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 60,
      access_token: expect.any(String),
    });
  });

  it.each([
    [
      401,
      'invalid_client',
      {
        grant_type: 'client_credentials',
        client_id: 'demo-shop',
        client_secret: 'wrong',
        scope: 'DCAPI_BARCODE_READ',
      },
    ],
    [
      401,
      'invalid_client',
      {
        grant_type: 'client_credentials',
        client_id: 'nobody',
        client_secret: 'demo-secret',
        scope: 'DCAPI_BARCODE_READ',
      },
    ],
    [
      400,
      'unsupported_grant_type',
      {
        grant_type: 'password',
        client_id: 'demo-shop',
        client_secret: 'demo-secret',
        scope: 'DCAPI_BARCODE_READ',
      },
    ],
    [
      400,
      'invalid_scope',
      {
        grant_type: 'client_credentials',
        client_id: 'demo-shop',
        client_secret: 'demo-secret',
        scope: 'WEDEC_EVERYTHING',
      },
    ],
  ])('answers %i %s', async (status, error, fields) => {
    const response = await fetch(post.baseUrls.token, form(fields));
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string };
    expect(body.error).toBe(error);
    expect(JSON.stringify(body)).not.toContain('demo-secret');
  });

  it.each([
    ['without a scope', {}],
    ['with an empty scope', { scope: '' }],
    ['with a blank scope', { scope: '  ' }],
  ])(
    'answers a request %s 503 with an empty text/html body, as Swiss Post does',
    async (_, scope) => {
      const response = await fetch(post.baseUrls.token, form({ ...DEMO_GRANT, ...scope }));
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-length')).toBe('0');
      expect(await response.text()).toBe('');
    },
  );

  it('refuses a JSON token request', async () => {
    const response = await fetch(post.baseUrls.token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });
});

describe('bearer tokens on the APIs', () => {
  const labelUrl = () => `${post.baseUrls.barcode}/generateAddressLabel`;

  it('401 without a token, with an unknown one, and with an expired one', async () => {
    expect((await postJson(labelUrl(), undefined, sampleLabelRequest())).status).toBe(401);
    expect((await postJson(labelUrl(), 'not-a-token', sampleLabelRequest())).status).toBe(401);
    const token = await tokenFor(post, 'DCAPI_BARCODE_READ');
    clock += 61_000;
    const expired = await postJson(labelUrl(), token, sampleLabelRequest());
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('403 for a token without the route scope', async () => {
    const token = await tokenFor(post, 'DCAPI_ADDRESS_VALIDATE');
    const response = await postJson(labelUrl(), token, sampleLabelRequest());
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('insufficient_scope');
  });
});

describe('HTTP hygiene', () => {
  it('404 for unknown routes', async () => {
    const response = await fetch(`${post.url}/barcode/v2/generateLabel`, { method: 'POST' });
    expect(response.status).toBe(404);
  });

  it('413 for bodies over the limit', async () => {
    const token = await tokenFor(post, 'DCAPI_BARCODE_READ');
    const huge = { ...sampleLabelRequest(), padding: 'x'.repeat(70 * 1024) };
    expect(
      (await postJson(`${post.baseUrls.barcode}/generateAddressLabel`, token, huge)).status,
    ).toBe(413);
  });

  it('400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const token = await tokenFor(post, 'DCAPI_BARCODE_READ');
    expect(
      (await postJson(`${post.baseUrls.barcode}/generateAddressLabel`, token, '{"language":'))
        .status,
    ).toBe(400);
    const form = await fetch(`${post.baseUrls.barcode}/generateAddressLabel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(form.status).toBe(415);
  });

  it('405 for the wrong method', async () => {
    expect((await fetch(`${post.baseUrls.pickpost}/users`)).status).toBe(405);
  });

  it('records every request for tests to count', async () => {
    const before = post.state.count('locations');
    await fetch(`${post.baseUrls.locations}/Geocode?query=8001`);
    expect(post.state.count('locations')).toBe(before + 1);
  });
});
