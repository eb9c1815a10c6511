import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockClient } from './clients';
import { DEMO_CLIENT } from './clients';
import type { FaultConfig, FaultDecision, FaultPlan, RouteName } from './faults';
import { createRandom, decideFaults, faultAnswer, remainingFaults } from './faults';
import { BodyTooLargeError, isJsonRequest, json, readBody, send } from './http';
import { createPostRoutes, LOCATIONS_PREFIX } from './post-routes';
import type { Handled, RouteMatch } from './route-table';
import { createRouteMatcher } from './route-table';
import { checkBearer } from './routes/token';
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

  const matchRoute = createRouteMatcher(createPostRoutes({ clients, state, tokenTtlSeconds }));

  /** The checks every row shares, in the Post's order, then the row's own handler. */
  async function answer(
    request: IncomingMessage,
    match: Exclude<RouteMatch, { kind: 'none' }>,
    url: URL,
    decision: FaultDecision,
  ): Promise<Handled> {
    if (match.kind === 'wrong-method') {
      return {
        answer: json(405, { error: 'method_not_allowed' }, { allow: match.allow.join(', ') }),
      };
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
    const faulty = faultAnswer(decision);
    if (faulty !== undefined) return { answer: faulty };
    const { route, params } = match;
    const input = { request, url, params, body, at: now() };
    if (route.auth === 'none') return route.handle(input);
    const bearer = checkBearer(request, route.scope, {
      clients,
      state,
      now: input.at,
      expireEarly: decision.expireToken,
    });
    if (!bearer.ok) return { answer: bearer.answer };
    const { client } = bearer;
    const { clientId } = client;
    if (!isJsonRequest(request)) {
      return {
        answer: json(415, { error: 'unsupported_media_type', expected: 'application/json' }),
        clientId,
      };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return { answer: json(400, { status: 400, error: 'malformed_json' }), clientId };
    }
    return { answer: await route.handle({ ...input, payload, client }), clientId };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const match = matchRoute(request.method ?? 'GET', url.pathname);
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
    if (match.kind === 'none') {
      record('unknown', 404);
      request.resume();
      send(response, json(404, { error: 'not_found', path: url.pathname }));
      return;
    }
    const name = match.kind === 'route' ? match.route.route : match.route;
    const config = faults[name];
    const decision = decideFaults(config, random);
    const remaining = remainingFaults(config);
    if (remaining === undefined) delete faults[name];
    else faults[name] = remaining;
    if (decision.delayMs > 0) await delay(decision.delayMs);
    if (decision.drop === 'before') {
      record(name, 'dropped');
      request.socket.destroy();
      return;
    }
    const { answer: result, clientId } = await answer(request, match, url, decision);
    if (decision.drop === 'after') {
      record(name, 'dropped', clientId);
      request.socket.destroy();
      return;
    }
    record(name, result.status, clientId);
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
