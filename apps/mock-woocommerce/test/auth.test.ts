import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumerKey } from '../src/auth';
import { DEMO_KEYS } from '../src/fixtures';
import type { MockWooCommerce } from '../src/server';
import { createMockWooCommerce } from '../src/server';
import { api, basicAuth, queryString, rawRequest, signOAuth, WooCommerceRestApi } from './helpers';

let woo: MockWooCommerce;

beforeAll(async () => {
  woo = await createMockWooCommerce({
    orders: 12,
    keys: [
      ...Object.values(DEMO_KEYS),
      {
        consumerKey: 'ck_editor',
        consumerSecret: 'cs_editor',
        permissions: 'read_write',
        userId: 2,
      },
    ],
  });
});
afterAll(() => woo.close());

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error: any) {
    return { status: error.response?.status, data: error.response?.data };
  }
  throw new Error('the request succeeded');
};

const lastRequest = () => woo.state.requests.at(-1);

describe('OAuth 1.0a over plain HTTP', () => {
  const client = (key: ConsumerKey = DEMO_KEYS.readWrite) =>
    new WooCommerceRestApi({
      url: woo.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
      version: 'wc/v3',
    });

  it('accepts the signatures @woocommerce/woocommerce-rest-api 1.0.2 makes (HMAC-SHA256, query parameters)', async () => {
    const listed = await client().get('orders', {
      per_page: 5,
      orderby: 'id',
      order: 'asc',
      status: 'any',
    });
    expect(listed.status).toBe(200);
    expect(listed.data).toHaveLength(5);
    expect(listed.headers['x-wp-total']).toBe('12');
    expect(lastRequest()).toMatchObject({
      auth: 'oauth1',
      consumerKey: DEMO_KEYS.readWrite.consumerKey,
      status: 200,
    });
    expect(lastRequest()?.query).toMatchObject({
      oauth_signature_method: 'HMAC-SHA256',
      per_page: '5',
    });

    // The body is not signed: a JSON POST through the client is accepted too.
    const created = await client().post('orders', {
      line_items: [{ sku: 'BOT-750', quantity: 2 }],
    });
    expect(created.status).toBe(201);
    expect(created.data.total).toBe('25.80');
  });

  it('refuses a wrong secret, a replayed nonce and a tampered query', async () => {
    const wrong = await errorOf(
      client({ ...DEMO_KEYS.readWrite, consumerSecret: 'cs_wrong' }).get('orders'),
    );
    expect(wrong).toEqual({
      status: 401,
      data: {
        code: 'woocommerce_rest_authentication_error',
        message: 'Invalid signature - provided signature does not match.',
        data: { status: 401 },
      },
    });

    await client().get('orders', { per_page: 3 });
    const signed = lastRequest()?.url as string;
    const replay = await rawRequest(`${woo.url}${signed}`);
    expect(replay.status).toBe(401);
    expect(replay.json.message).toBe('Invalid nonce - nonce has already been used.');

    const tampered = await rawRequest(
      `${woo.url}${signed.replace('per_page=3', 'per_page=4').replace(/oauth_nonce=\w+/, 'oauth_nonce=fresh1')}`,
    );
    expect(tampered.status).toBe(401);
    expect(tampered.json.message).toBe('Invalid signature - provided signature does not match.');
  });

  it('checks HMAC-SHA1 from an independent RFC 5849 signer, in the query or the Authorization header', async () => {
    const base = `${woo.url}/wp-json/wc/v3/orders`;
    const params = { per_page: '2', search: 'Zürich Bahnhofstrasse' };
    const query = signOAuth({ method: 'GET', url: base, params, key: DEMO_KEYS.read });
    const inQuery = await rawRequest(`${base}?${queryString({ ...params, ...query })}`);
    expect(inQuery.status).toBe(200);

    const inHeader = signOAuth({ method: 'GET', url: base, params, key: DEMO_KEYS.read });
    const header = `OAuth ${Object.entries(inHeader)
      .map(([name, value]) => `${name}="${encodeURIComponent(value)}"`)
      .join(', ')}`;
    const viaHeader = await rawRequest(`${base}?${queryString(params)}`, {
      headers: { authorization: header },
    });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.headers['x-wp-total']).toBe(inQuery.headers['x-wp-total']);
  });

  it('signs plain-permalink requests against the bare home URL, with rest_route among the parameters', async () => {
    const params = { rest_route: '/wc/v3/orders', per_page: '1' };
    const signed = signOAuth({ method: 'GET', url: woo.url, params, key: DEMO_KEYS.read });
    const answer = await rawRequest(`${woo.url}/?${queryString({ ...params, ...signed })}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveLength(1);
    // The same request signed for `http://host/` (with the slash) is a different base string.
    const slash = signOAuth({ method: 'GET', url: `${woo.url}/`, params, key: DEMO_KEYS.read });
    const refused = await rawRequest(`${woo.url}/?${queryString({ ...params, ...slash })}`);
    expect(refused.json.message).toBe('Invalid signature - provided signature does not match.');
  });

  it('answers missing parameters, unknown keys, unknown methods and stale timestamps as WooCommerce does', async () => {
    const base = `${woo.url}/wp-json/wc/v3/orders`;
    const missing = await rawRequest(
      `${base}?oauth_consumer_key=${DEMO_KEYS.read.consumerKey}&oauth_timestamp=1`,
    );
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({
      code: 'woocommerce_rest_authentication_missing_parameter',
      message: 'Missing OAuth parameters oauth_nonce, oauth_signature, oauth_signature_method',
    });

    const unknown = signOAuth({
      method: 'GET',
      url: base,
      params: {},
      key: { ...DEMO_KEYS.read, consumerKey: 'ck_nobody' },
    });
    expect((await rawRequest(`${base}?${queryString(unknown)}`)).json.message).toBe(
      'Consumer key is invalid.',
    );

    const plain = signOAuth({ method: 'GET', url: base, params: {}, key: DEMO_KEYS.read });
    plain.oauth_signature_method = 'PLAINTEXT';
    expect((await rawRequest(`${base}?${queryString(plain)}`)).json.message).toBe(
      'Invalid signature - signature method is invalid.',
    );

    const old = signOAuth({
      method: 'GET',
      url: base,
      params: {},
      key: DEMO_KEYS.read,
      timestamp: Math.floor(Date.now() / 1000) - 16 * 60,
    });
    expect((await rawRequest(`${base}?${queryString(old)}`)).json.message).toBe(
      'Invalid timestamp.',
    );
    const recent = signOAuth({
      method: 'GET',
      url: base,
      params: {},
      key: DEMO_KEYS.read,
      timestamp: Math.floor(Date.now() / 1000) - 14 * 60,
    });
    expect((await rawRequest(`${base}?${queryString(recent)}`)).status).toBe(200);
  });

  it('refuses fresh signatures while the shop clock is skewed by more than 15 minutes', async () => {
    woo.setFaults('orders', { clockSkewSeconds: 16 * 60, times: 1 });
    const skewed = await errorOf(client().get('orders'));
    expect(skewed.data.message).toBe('Invalid timestamp.');
    woo.setFaults('orders', { clockSkewSeconds: -10 * 60, times: 1 });
    expect((await client().get('orders')).status).toBe(200);
  });
});

describe('Basic and query-string keys', () => {
  const httpsClient = (options: { queryStringAuth?: boolean; secret?: string } = {}) =>
    new WooCommerceRestApi({
      url: woo.httpsUrl as string,
      consumerKey: DEMO_KEYS.readWrite.consumerKey,
      consumerSecret: options.secret ?? DEMO_KEYS.readWrite.consumerSecret,
      version: 'wc/v3',
      queryStringAuth: options.queryStringAuth ?? false,
      axiosConfig: { httpsAgent: new Agent({ ca: woo.certificate }) },
    });

  it('accepts Basic and consumer_key/consumer_secret over HTTPS, and keeps secrets out of the records', async () => {
    expect((await httpsClient().get('orders', { per_page: 1 })).status).toBe(200);
    expect(lastRequest()).toMatchObject({ auth: 'basic', secure: true });
    expect(
      (await httpsClient({ queryStringAuth: true }).get('orders', { per_page: 1 })).status,
    ).toBe(200);
    expect(lastRequest()?.auth).toBe('query');
    expect(lastRequest()?.url).toContain('consumer_secret=[redacted]');
    expect(JSON.stringify(woo.state.requests)).not.toContain(DEMO_KEYS.readWrite.consumerSecret);
  });

  it('names a wrong secret, but treats an unknown key as no credentials at all', async () => {
    const wrong = await errorOf(httpsClient({ secret: 'cs_wrong' }).get('orders'));
    expect(wrong).toEqual({
      status: 401,
      data: {
        code: 'woocommerce_rest_authentication_error',
        message: 'Consumer secret is invalid.',
        data: { status: 401 },
      },
    });
    const unknown = await api(woo, 'GET', 'orders', undefined, {
      ...DEMO_KEYS.read,
      consumerKey: 'ck_nobody',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual({
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    });
  });

  it('ignores Basic over plain HTTP unless the shop allows it', async () => {
    const basic = basicAuth(DEMO_KEYS.read);
    const refused = await rawRequest(`${woo.url}/wp-json/wc/v3/orders`, {
      headers: { authorization: basic },
    });
    expect(refused.status).toBe(401);
    expect(refused.json.code).toBe('woocommerce_rest_cannot_view');

    await using lenient = await createMockWooCommerce({
      basicAuthOverHttp: true,
      https: false,
      orders: 1,
    });
    const accepted = await rawRequest(`${lenient.url}/wp-json/wc/v3/orders`, {
      headers: { authorization: basic },
    });
    expect(accepted.status).toBe(200);
    expect(lenient.state.requests.at(-1)).toMatchObject({ auth: 'basic', secure: false });
  });
});

describe('key permissions and capabilities', () => {
  it('lets a read key only read and a write key only write, before the route is even matched', async () => {
    const write = await api(woo, 'POST', 'orders', {}, DEMO_KEYS.read);
    expect(write.status).toBe(401);
    expect(write.json.message).toBe('The API key provided does not have write permissions.');
    const read = await api(woo, 'GET', 'no-such-route', undefined, DEMO_KEYS.write);
    expect(read.status).toBe(401);
    expect(read.json.message).toBe('The API key provided does not have read permissions.');
    expect((await api(woo, 'POST', 'orders', {}, DEMO_KEYS.write)).status).toBe(201);
  });

  it('answers 403 to a key whose user has no WooCommerce capability', async () => {
    const editor = {
      consumerKey: 'ck_editor',
      consumerSecret: 'cs_editor',
      permissions: 'read_write' as const,
    };
    const answer = await api(woo, 'GET', 'orders/100', undefined, editor);
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot view this resource.',
    });
  });

  it('validates arguments before checking permissions, as WordPress does', async () => {
    const anonymous = await rawRequest(`${woo.url}/wp-json/wc/v3/orders?per_page=101`);
    expect(anonymous.status).toBe(400);
    expect(anonymous.json.code).toBe('rest_invalid_param');
  });
});
