import type { PickPostError, PostApiError } from '../errors/index';
import { PostNetworkError, PostTimeoutError } from '../errors/index';
import { isRetryableStatus } from '../errors/post-errors';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { PostService, RetryPolicy } from './defaults';
import type { RawPostResponse } from './response-errors';
import { toPostError } from './response-errors';

export interface PostHttpOptions {
  fetch?: typeof globalThis.fetch | undefined;
  /** Per attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  clock: Clock;
  /** Headers sent with every request (the APIM subscription key, say). */
  headers?: Record<string, string> | undefined;
  /** For tests: the jitter source and the wait. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PostRequest {
  service: PostService;
  baseUrl: string;
  /** Relative to `baseUrl`, without a leading slash. */
  path: string;
  method: 'GET' | 'POST';
  searchParams?: Record<string, string>;
  json?: unknown;
  form?: URLSearchParams;
  headers?: Record<string, string>;
  /**
   * Whether sending the request twice has the effect of sending it once. When it does not, a
   * request is repeated only after failures that prove it was not processed (429, connection
   * refused, unknown host).
   */
  idempotent: boolean;
  /** Called when an attempt ended in a way that leaves open whether Swiss Post processed it. */
  onUncertainAttempt?: () => void;
}

export interface PostHttp {
  /**
   * Sends a request with timeouts and retries and returns Swiss Post's final answer, whatever
   * its status, except that a network failure, a timeout, or a 429/5xx still there after the
   * last attempt is thrown as a typed error.
   */
  send(request: PostRequest): Promise<RawPostResponse>;
}

/** Connection errors that prove the request never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if (/json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

interface AttemptFailure {
  error: PickPostError;
  /** Whether the failure proves the request was not processed. */
  notProcessed: boolean;
  retryAfterSeconds?: number | undefined;
}

/** What every attempt of a request sends: URL, headers and body, encoded once. */
interface EncodedRequest {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string | URLSearchParams };
}

/**
 * The HTTP layer of the Post client, on the platform's `fetch` (injectable). It has its own
 * retry loop because Swiss Post calls need rules generic clients lack: a bound on all attempts
 * together, full-jitter backoff, `Retry-After` honoured only while it fits the bound, and no
 * blind repeat of a request that may already have printed a label.
 *
 * DESIGN.md planned ky here. Measured on loopback, ky added about 0.06 ms to every request
 * (some 20 % of a round trip to the mock server) for features this layer switches off (its
 * retries, its HTTP errors, its body parsing), which alone broke the client's latency budget
 * (bench/post-client), so the layer calls `fetch` itself.
 */
export function createPostHttp(options: PostHttpOptions): PostHttp {
  const random = options.random ?? Math.random;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const doFetch =
    options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));

  function encode(request: PostRequest): EncodedRequest {
    const query =
      request.searchParams === undefined ? '' : `?${new URLSearchParams(request.searchParams)}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...options.headers,
      ...request.headers,
    };
    const init: EncodedRequest['init'] = { method: request.method, headers };
    if (request.json !== undefined) {
      init.body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    } else if (request.form !== undefined) {
      init.body = request.form;
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    return { url: `${request.baseUrl}/${request.path}${query}`, init };
  }

  async function attempt(
    request: PostRequest,
    { url, init }: EncodedRequest,
    timeoutMs: number,
  ): Promise<RawPostResponse | AttemptFailure> {
    try {
      const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const raw: RawPostResponse = {
        service: request.service,
        status: response.status,
        headers: response.headers,
        body: await readBody(response),
      };
      if (!isRetryableStatus(response.status)) return raw;
      // A retryable status is neither a success nor a 401/403, so this is a PostApiError.
      const error = toPostError(raw, options.clock.now()) as PostApiError;
      return {
        error,
        // 429 and 503 say the server did not handle the request (RFC 9110 §15.5.30, §15.6.4).
        notProcessed: response.status === 429 || response.status === 503,
        retryAfterSeconds: error.retryAfterSeconds,
      };
    } catch (error) {
      if (
        error instanceof Error &&
        (error.name === 'TimeoutError' || error.name === 'AbortError')
      ) {
        return {
          error: new PostTimeoutError({ method: request.method, url, timeoutMs, cause: error }),
          notProcessed: false,
        };
      }
      const code = causeCode(error);
      return {
        error: new PostNetworkError({ method: request.method, url, cause: error }),
        notProcessed: code !== undefined && NOT_SENT_CODES.has(code),
      };
    }
  }

  return {
    async send(request) {
      const { retry } = options;
      const started = options.clock.now();
      const deadline = started + retry.maxTotalMs;
      const encoded = encode(request);
      for (let attemptNumber = 1; ; attemptNumber += 1) {
        const remaining = deadline - options.clock.now();
        const attemptStarted = options.clock.now();
        const outcome = await attempt(
          request,
          encoded,
          Math.max(1, Math.min(options.timeoutMs, remaining)),
        );
        const log = {
          service: request.service,
          method: request.method,
          path: request.path,
          attempt: attemptNumber,
          ms: options.clock.now() - attemptStarted,
        };
        if (!('error' in outcome)) {
          options.logger.debug('swiss post answered', { ...log, status: outcome.status });
          return outcome;
        }
        options.logger.warn('swiss post attempt failed', { ...log, error: outcome.error });
        if (!outcome.notProcessed) request.onUncertainAttempt?.();
        const mayRepeat = request.idempotent || outcome.notProcessed;
        if (!mayRepeat || attemptNumber >= retry.attempts) throw outcome.error;
        const backoff =
          random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attemptNumber - 1));
        const wait = Math.max(backoff, (outcome.retryAfterSeconds ?? 0) * 1000);
        if (options.clock.now() + wait >= deadline) throw outcome.error;
        await sleep(wait);
      }
    },
  };
}
