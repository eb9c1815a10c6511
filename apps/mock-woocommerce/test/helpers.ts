import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { Agent } from 'node:https';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import pkg from '@woocommerce/woocommerce-rest-api';
import type { ConsumerKey } from '../src/auth';
import type { MockWooCommerce } from '../src/server';

/**
 * The npm client is CommonJS without an `exports` map: imported from ESM its default export is
 * sometimes the module object (js-lib#66), so take `.default` when there is one.
 */
export const WooCommerceRestApi: typeof pkg = (pkg as any).default ?? pkg;

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

/** An HTTP(S) request with nothing added: the test decides every header and byte. */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    ca?: string;
    agent?: Agent;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.body === undefined
            ? {}
            : { 'content-length': String(Buffer.byteLength(options.body)) }),
        },
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        agent: options.agent ?? false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** `Authorization: Basic …` for a key. */
export const basicAuth = (key: Pick<ConsumerKey, 'consumerKey' | 'consumerSecret'>) =>
  `Basic ${Buffer.from(`${key.consumerKey}:${key.consumerSecret}`).toString('base64')}`;

/**
 * A REST call over HTTPS with Basic auth (the shop manager's read/write key unless another is
 * given): the easy way in for tests that are not about authentication. `route` is relative to
 * `/wp-json/wc/v3/`, or to `/wp-json` when it starts with a slash.
 */
export function api(
  woo: MockWooCommerce,
  method: string,
  route: string,
  body?: unknown,
  key: ConsumerKey = woo.keys[0] as ConsumerKey,
  agent?: Agent,
): Promise<RawResponse> {
  const path = route.startsWith('/') ? route : `/wc/v3/${route}`;
  return rawRequest(`${woo.httpsUrl}/wp-json${path}`, {
    method,
    headers: {
      authorization: basicAuth(key),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ca: woo.certificate as string,
    ...(agent === undefined ? {} : { agent }),
  });
}

const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * A one-legged OAuth 1.0a signer written from RFC 5849 §3.4 (not from WooCommerce's code): the
 * parameters percent-encoded, sorted by encoded name then value, joined, and the base string
 * signed with `secret&`. For plain query parameters it agrees with WooCommerce.
 */
export function signOAuth(options: {
  method: string;
  url: string;
  params: Record<string, string>;
  key: ConsumerKey;
  signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256';
  timestamp?: number;
  nonce?: string;
}): Record<string, string> {
  const oauth: Record<string, string> = {
    oauth_consumer_key: options.key.consumerKey,
    oauth_nonce: options.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: options.signatureMethod ?? 'HMAC-SHA1',
    oauth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  const pairs = Object.entries({ ...options.params, ...oauth })
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const base = [
    options.method.toUpperCase(),
    rfc3986(options.url),
    rfc3986(pairs.map(([n, v]) => `${n}=${v}`).join('&')),
  ].join('&');
  const algorithm = oauth.oauth_signature_method === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  oauth.oauth_signature = createHmac(algorithm, `${rfc3986(options.key.consumerSecret)}&`)
    .update(base)
    .digest('base64');
  return oauth;
}

/** `key=value&…`, RFC 3986-encoded. */
export const queryString = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .join('&');

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The exact bytes received. */
  body: Buffer;
}

/**
 * A webhook receiver on loopback: records every request with its raw body and answers with the
 * status `answer` gives (200 unless changed).
 */
export async function createReceiver() {
  const received: ReceivedRequest[] = [];
  let answer: (request: ReceivedRequest) => number = () => 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { headers: request.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      const status = answer(entry);
      response.writeHead(
        status,
        status >= 300 && status < 400 ? { location: 'http://127.0.0.1:9/elsewhere' } : {},
      );
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The event deliveries (pings excluded). */
    events: () => received.filter((entry) => entry.headers['x-wc-webhook-topic'] !== undefined),
    answerWith(next: (request: ReceivedRequest) => number) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
