/** The Swiss Post services the client talks to. */
export type PostService = 'token' | 'barcode' | 'pickpost' | 'locations' | 'address';

/**
 * Production endpoints [reference/swiss-post.md §A2, §C, §E]: the DCAPI generation
 * (`api.post.ch/OAuth/token`, `dcapi.apis.post.ch`) and the keyless location data service
 * behind places.post.ch [C PLACES]. Integration (test) hosts differ; shops set `baseUrls`.
 */
export const DEFAULT_BASE_URLS: Readonly<Record<PostService, string>> = {
  token: 'https://api.post.ch/OAuth/token',
  barcode: 'https://dcapi.apis.post.ch/barcode/v1',
  pickpost: 'https://dcapi.apis.post.ch/pickpost/v1',
  locations: 'https://places.post.ch/StandortSuche/StaoCacheServiceV2/api/v1',
  address: 'https://dcapi.apis.post.ch/address/v1',
};

/**
 * OAuth scopes per service. Barcode and address are documented [V DEV]; the DCAPI-era PickPost
 * scope is not (the WEDEC era used `WEDEC_PICKPOST`), so `DCAPI_PICKPOST` is a guess [G] and a
 * shop can override it with `scopes.pickpost`. The location service needs no token.
 */
export const DEFAULT_SCOPES = {
  barcode: 'DCAPI_BARCODE_READ',
  pickpost: 'DCAPI_PICKPOST',
  address: 'DCAPI_ADDRESS_VALIDATE',
} as const;

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

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxTotalMs: 30_000,
};

export const DEFAULT_TIMEOUT_MS = 15_000;
