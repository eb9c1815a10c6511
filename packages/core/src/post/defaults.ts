/** The Swiss Post services the client talks to. */
export type PostService = 'token' | 'barcode' | 'pickpost' | 'locations' | 'address';

/** What `baseUrls` may set: each service, and the token endpoint of the PickPost web service. */
export type PostEndpoint = PostService | 'pickpostToken';

/**
 * Production endpoints [reference/swiss-post.md §A2, §C, §E, §Z]: the DCAPI generation
 * (`api.post.ch/OAuth/token`, `dcapi.apis.post.ch`) for the Barcode and address services, the
 * keyless location data service behind places.post.ch [C PLACES], and the PickPost web service
 * on the WEDEC host with WEDEC's own token endpoint: that is the only PickPost endpoint Swiss Post
 * documents; no source shows a DCAPI PickPost path [§Z, unverified either way]. Integration
 * (test) hosts differ; shops set `baseUrls`.
 */
export const DEFAULT_BASE_URLS: Readonly<Record<PostEndpoint, string>> = {
  token: 'https://api.post.ch/OAuth/token',
  pickpostToken: 'https://wedec.post.ch/WEDECOAuth/token',
  barcode: 'https://dcapi.apis.post.ch/barcode/v1',
  pickpost: 'https://wedec.post.ch/api/pickpost/v1',
  locations: 'https://places.post.ch/StandortSuche/StaoCacheServiceV2/api/v1',
  address: 'https://dcapi.apis.post.ch/address/v1',
};

/**
 * OAuth scopes per service. Barcode and address are documented for DCAPI [V DEV]; the PickPost
 * web service only with the WEDEC scope `WEDEC_PICKPOST` [V DEV §2.1; §Z], so that is the default
 * and a shop whose account Swiss Post set up otherwise sets `scopes.pickpost`. The location
 * service needs no token.
 */
export const DEFAULT_SCOPES = {
  barcode: 'DCAPI_BARCODE_READ',
  pickpost: 'WEDEC_PICKPOST',
  address: 'DCAPI_ADDRESS_VALIDATE',
} as const;

/**
 * Where the PickPost web service's tokens come from: `pickpostToken` when set; WEDEC's token
 * endpoint while the PickPost endpoint is the default WEDEC one; otherwise `token`, so a shop
 * (or a test) that points `pickpost` at another host gets its tokens from that host's side.
 */
export function pickpostTokenUrl(baseUrls: Partial<Record<PostEndpoint, string>> = {}): string {
  if (baseUrls.pickpostToken !== undefined) return baseUrls.pickpostToken;
  if (baseUrls.pickpost === undefined) return DEFAULT_BASE_URLS.pickpostToken;
  return baseUrls.token ?? DEFAULT_BASE_URLS.token;
}

/** A Swiss Post service that needs an OAuth token: one of the keys of {@link DEFAULT_SCOPES}. */
export type AuthorisedService = keyof typeof DEFAULT_SCOPES;

/** How often and how long a request is tried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First backoff step; each further one doubles, with full jitter. */
  baseDelayMs: number;
  /** Largest single wait. */
  maxDelayMs: number;
  /** Upper bound for all attempts and waits of one call together. */
  maxTotalMs: number;
}

/**
 * The retry policy of Swiss Post requests when the configuration sets none: 4 attempts within 30 s.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxTotalMs: 30_000,
};

/** How long one Swiss Post request may take (ms) when the configuration sets no timeout. */
export const DEFAULT_TIMEOUT_MS = 15_000;
