import { ConfigError } from '../errors/index';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import type { AddressApi } from './address';
import { createAddressApi } from './address';
import type { BarcodeApi } from './barcode';
import { createBarcodeApi } from './barcode';
import type { AuthorisedService, PostEndpoint, RetryPolicy } from './defaults';
import {
  DEFAULT_BASE_URLS,
  DEFAULT_RETRY,
  DEFAULT_SCOPES,
  DEFAULT_TIMEOUT_MS,
  pickpostTokenUrl,
} from './defaults';
import { createPostHttp } from './http';
import type { LocationsApi } from './locations';
import { createLocationsApi } from './locations';
import type { PickPostApi } from './pickpost';
import { createPickPostApi } from './pickpost';
import type { TokenCache } from './token-cache';
import { createTokenCache } from './token-cache';

/**
 * How the Swiss Post client reaches the web services: credentials, endpoints, scopes, timeouts and
 * retries.
 */
export interface PostClientOptions {
  /** The client ID ("Secret-ID") Swiss Post issued. Needed for all but the location search. */
  clientId?: string;
  /** The client secret ("Token-ID"). Never logged, never in an error. */
  clientSecret?: string;
  /** The developer portal's subscription key, for accounts that need one [C]. */
  subscriptionKey?: string;
  /**
   * Per-service base URLs; production by default. `pickpostToken` is the token endpoint of the
   * PickPost web service (WEDEC's by default; `token` when `pickpost` is set and it is not).
   */
  baseUrls?: Partial<Record<PostEndpoint, string>>;
  /** OAuth scope per service, when your account's differ from the defaults. */
  scopes?: Partial<Record<AuthorisedService, string>>;
  /** A fetch implementation (tests, proxies, instrumentation). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  clock?: Clock;
}

/**
 * One client for all Swiss Post web services (PickPost, barcode, location, address), sharing
 * one token cache per token endpoint.
 */
export interface PostClient {
  /**
   * Fetches a token for a service's scope: checks the credentials and that the account holds
   * the scope, without calling the service itself (for health checks).
   */
  authorise(service: AuthorisedService): Promise<void>;
  /** The endpoints in use, defaults filled in (addresses only: no credential is in them). */
  readonly endpoints: Readonly<Record<PostEndpoint, string>>;
  pickpost: PickPostApi;
  barcode: BarcodeApi;
  locations: LocationsApi;
  address: AddressApi;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * A client for the Swiss Post services a PickPost integration uses: the PickPost web service,
 * the Barcode web service, the location search and address validation. It caches OAuth2 tokens
 * (one request at a time per scope, renewed before they expire), retries 429/5xx/network
 * failures with bounded, jittered backoff honouring `Retry-After`, validates what goes out and
 * what comes back, and never logs or throws a secret.
 *
 * @example
 * const post = createPostClient({
 *   clientId: process.env.POST_CLIENT_ID,
 *   clientSecret: process.env.POST_CLIENT_SECRET,
 * });
 * const points = await post.locations.search({ zip: '8001' });
 */
export function createPostClient(options: PostClientOptions = {}): PostClient {
  const secrets: string[] = [options.clientSecret, options.subscriptionKey].filter(
    (secret): secret is string => typeof secret === 'string' && secret !== '',
  );
  const logger = createRedactingLogger(options.logger ?? silentLogger, secrets);
  const clock = options.clock ?? systemClock;
  const baseUrls = Object.fromEntries(
    Object.entries({
      ...DEFAULT_BASE_URLS,
      ...options.baseUrls,
      pickpostToken: pickpostTokenUrl(options.baseUrls),
    }).map(([service, url]) => [service, trimSlash(url)]),
  ) as Record<PostEndpoint, string>;
  const scopes = { ...DEFAULT_SCOPES, ...options.scopes };
  const http = createPostHttp({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    logger,
    clock,
    headers:
      options.subscriptionKey === undefined
        ? undefined
        : { 'Ocp-Apim-Subscription-Key': options.subscriptionKey },
  });

  // One cache per token endpoint: the PickPost web service may take its tokens elsewhere.
  const tokenCaches = new Map<string, TokenCache>();
  const tokensFrom = (tokenUrl: string): TokenCache => {
    if (
      options.clientId === undefined ||
      options.clientSecret === undefined ||
      options.clientId === '' ||
      options.clientSecret === ''
    ) {
      throw new ConfigError([
        {
          path: 'post.clientId',
          message: 'and post.clientSecret are needed for this Swiss Post service',
          code: 'required',
        },
      ]);
    }
    let cache = tokenCaches.get(tokenUrl);
    if (cache !== undefined) return cache;
    cache = createTokenCache({
      http,
      tokenUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      clock,
      onToken: (token) => {
        secrets.push(token);
        // Keep the redaction list short: only recent tokens can still appear anywhere.
        if (secrets.length > 12) secrets.splice(2, secrets.length - 12);
      },
    });
    tokenCaches.set(tokenUrl, cache);
    return cache;
  };
  const tokens = () => tokensFrom(baseUrls.token);
  const pickpostTokens = () => tokensFrom(baseUrls.pickpostToken);

  return {
    endpoints: Object.freeze({ ...baseUrls }),
    async authorise(service) {
      await (service === 'pickpost' ? pickpostTokens() : tokens()).get(scopes[service]);
    },
    pickpost: createPickPostApi({
      http,
      tokens: pickpostTokens,
      baseUrl: baseUrls.pickpost,
      scope: scopes.pickpost,
    }),
    barcode: createBarcodeApi({ http, tokens, baseUrl: baseUrls.barcode, scope: scopes.barcode }),
    locations: createLocationsApi({ http, baseUrl: baseUrls.locations, logger, clock }),
    address: createAddressApi({ http, tokens, baseUrl: baseUrls.address, scope: scopes.address }),
  };
}
