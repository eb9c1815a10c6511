import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockClient } from './clients';
import { DEMO_CLIENT, SCOPES } from './clients';
import type { FaultConfig, FaultPlan, RouteName } from './faults';
import { createRandom, decideFaults, remainingFaults } from './faults';
import type { RouteAnswer } from './http';
import { BodyTooLargeError, isJsonRequest, json, readBody, send } from './http';
import { handleValidateAddress } from './routes/address';
import { handleGenerateAddressLabel } from './routes/barcode';
import { handleLocations } from './routes/locations';
import { handleRegisterUser } from './routes/pickpost';
import { checkBearer, handleToken } from './routes/token';
import type { MockSftpOptions, MockSftpServer } from './sftp/sftp-server';
import { createMockSftpServer } from './sftp/sftp-server';
import type { MockPostState, RequestRecord } from './state';
import { createMockPostState } from './state';

export interface MockPostServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Host to bind; loopback by default. */
  host?: string;
  /** API clients the simulated Post knows. Default: the demo client (`demo-shop` / `demo-secret`). */
  clients?: readonly MockClient[];
  /** Token lifetime; Swiss Post's is 60 s in the OCA recording. */
  tokenTtlSeconds?: number;
  /** Faults per route, drawn from a generator seeded with `seed`. */
  faults?: FaultPlan;
  seed?: number;
  /** Largest request body accepted; larger ones get 413. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Where the simulator's time comes from (token expiry, receipt times), for tests. */
  now?: () => number;
  /**
   * Starts the SFTP server DataTransfer files are delivered to, on `host`, with these
   * accounts. Without it there is no SFTP server.
   */
  sftp?: MockSftpOptions;
}

/** The base URLs of each simulated service, ready for `createPostClient({ baseUrls })`. */
export interface MockBaseUrls {
  token: string;
  barcode: string;
  pickpost: string;
  locations: string;
  address: string;
}

export interface MockPostServer {
  url: string;
  baseUrls: MockBaseUrls;
  state: MockPostState;
  /** The SFTP server for DataTransfer, when `sftp` was given. */
  sftp?: MockSftpServer | undefined;
  /** Replaces the faults of one route (or clears them with `undefined`). */
  setFaults(route: RouteName, config: FaultConfig | undefined): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export const LOCATIONS_PREFIX = '/StandortSuche/StaoCacheServiceV2/api/v1/';

interface Route {
  name: RouteName;
  method: 'GET' | 'POST';
  /** The OAuth scope an API route needs; token and location routes need none. */
  scope?: string;
  json?: boolean;
}

function matchRoute(method: string, path: string): Route | undefined {
  if (path === '/OAuth/token') return { name: 'token', method: 'POST' };
  if (path === '/barcode/v1/generateAddressLabel')
    return { name: 'barcode', method: 'POST', scope: SCOPES.barcode, json: true };
  if (path === '/pickpost/v1/users')
    return { name: 'pickpost', method: 'POST', scope: SCOPES.pickpost, json: true };
  if (path === '/address/v1/addresses/validation')
    return { name: 'address', method: 'POST', scope: SCOPES.address, json: true };
  if (path.startsWith(LOCATIONS_PREFIX) && method === 'GET')
    return { name: 'locations', method: 'GET' };
  return undefined;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a simulator of the Swiss Post services PickPost integrations use: the OAuth2 token
 * endpoint, the Barcode web service (`generateAddressLabel`), the PickPost user API, the
 * location search and address validation, with Swiss Post's field limits, error codes and
 * quirks, and injectable faults; with `sftp`, also the SFTP server DataTransfer files are
 * delivered to, which ingests them like the Post. See the package README for what is simulated
 * and how.
 *
 * @example
 * await using post = await createMockPostServer();
 * const client = createPostClient({ clientId: 'demo-shop', clientSecret: 'demo-secret', baseUrls: post.baseUrls });
 *
 * @example
 * await using post = await createMockPostServer({
 *   sftp: { accounts: [{ username: 'shop', password: 'pw', frankingLicenses: ['60013217'] }] },
 * });
 * // connect an SFTP client to post.sftp.host:post.sftp.port, pin post.sftp.hostKeySha256
 */
export async function createMockPostServer(
  options: MockPostServerOptions = {},
): Promise<MockPostServer> {
  const clients = options.clients ?? [DEMO_CLIENT];
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 60;
  const bodyLimitBytes = options.bodyLimitBytes ?? 1024 * 1024;
  const now = options.now ?? (() => Date.now());
  const faults: FaultPlan = { ...options.faults };
  const random = createRandom(options.seed ?? 1);
  const state = createMockPostState();

  async function answer(
    request: IncomingMessage,
    route: Route,
    url: URL,
    decision: ReturnType<typeof decideFaults>,
  ): Promise<{ answer: RouteAnswer; clientId?: string }> {
    if (request.method !== route.method) {
      return { answer: json(405, { error: 'method_not_allowed' }, { allow: route.method }) };
    }
    let body: Buffer;
    try {
      body = await readBody(request, bodyLimitBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return {
          answer: json(
            413,
            { error: 'payload_too_large', limitBytes: bodyLimitBytes },
            { connection: 'close' },
          ),
        };
      }
      throw error;
    }
    if (decision.answer !== undefined && 'malformed' in decision.answer) {
      return {
        answer: {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<html><body><h1>Gateway</h1><p>Please try again later.</p></body></html>',
        },
      };
    }
    if (decision.answer !== undefined) {
      const { status, retryAfterSeconds } = decision.answer;
      const headers: Record<string, string> =
        retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
      return {
        answer: json(
          status,
          { error: status === 429 ? 'too_many_requests' : 'service_unavailable' },
          headers,
        ),
      };
    }
    const at = now();
    if (route.name === 'token') {
      return handleToken(request, body, { clients, state, tokenTtlSeconds, now: at });
    }
    if (route.name === 'locations') {
      const operation = url.pathname.slice(LOCATIONS_PREFIX.length);
      return {
        answer:
          handleLocations(operation, url.searchParams, new Date(at)) ??
          json(404, { ok: false, error: 'unknown operation' }),
      };
    }
    const bearer = checkBearer(request, route.scope ?? '', {
      state,
      now: at,
      expireEarly: decision.expireToken,
    });
    if (!bearer.ok) return { answer: bearer.answer };
    if (route.json && !isJsonRequest(request)) {
      return {
        answer: json(415, { error: 'unsupported_media_type', expected: 'application/json' }),
        clientId: bearer.clientId,
      };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return {
        answer: json(400, { status: 400, error: 'malformed_json' }),
        clientId: bearer.clientId,
      };
    }
    const client = clients.find(
      (candidate) => candidate.clientId === bearer.clientId,
    ) as MockClient;
    switch (route.name) {
      case 'barcode':
        return {
          answer: await handleGenerateAddressLabel(payload, { client, state, now: at }),
          clientId: client.clientId,
        };
      case 'pickpost':
        return { answer: handleRegisterUser(payload, state), clientId: client.clientId };
      default:
        return { answer: handleValidateAddress(payload, state), clientId: client.clientId };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const route = matchRoute(request.method ?? 'GET', url.pathname);
    const record = (
      name: RequestRecord['route'],
      status: RequestRecord['status'],
      clientId?: string,
    ) => {
      state.requests.push({
        route: name,
        method: request.method ?? '',
        path: url.pathname,
        status,
        clientId,
        at: now(),
      });
    };
    if (route === undefined) {
      record('unknown', 404);
      request.resume();
      send(response, json(404, { error: 'not_found', path: url.pathname }));
      return;
    }
    const config = faults[route.name];
    const decision = decideFaults(config, random);
    const remaining = remainingFaults(config);
    if (remaining === undefined) delete faults[route.name];
    else faults[route.name] = remaining;
    if (decision.delayMs > 0) await delay(decision.delayMs);
    if (decision.drop === 'before') {
      record(route.name, 'dropped');
      request.socket.destroy();
      return;
    }
    const { answer: result, clientId } = await answer(request, route, url, decision);
    if (decision.drop === 'after') {
      record(route.name, 'dropped', clientId);
      request.socket.destroy();
      return;
    }
    record(route.name, result.status, clientId);
    send(response, result);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(response, json(500, { error: 'internal_error', message: String(error) }));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const closeHttp = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  // The SFTP server is closed with the HTTP server, so its own close is not handed out.
  let sftp: MockSftpServer | undefined;
  let closeSftp = async () => {};
  if (options.sftp !== undefined) {
    try {
      const { close: closeStarted, ...started } = await createMockSftpServer(options.sftp, {
        host: options.host ?? '127.0.0.1',
        state,
        now,
      });
      sftp = started;
      closeSftp = closeStarted;
    } catch (error) {
      await closeHttp();
      throw error;
    }
  }
  const close = async () => {
    await Promise.all([closeHttp(), closeSftp()]);
  };

  return {
    url,
    baseUrls: {
      token: `${url}/OAuth/token`,
      barcode: `${url}/barcode/v1`,
      pickpost: `${url}/pickpost/v1`,
      locations: `${url}${LOCATIONS_PREFIX.slice(0, -1)}`,
      address: `${url}/address/v1`,
    },
    state,
    sftp,
    setFaults(route, config) {
      if (config === undefined) delete faults[route];
      else faults[route] = config;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
