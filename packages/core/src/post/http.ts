import type { RetryOptions } from 'ky';
import ky from 'ky';
import { isRetryableStatus } from '../errors/post-errors';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { AttemptFailure } from './attempt-failure';
import { classifyFailure, readAnswer } from './attempt-failure';
import type { PostService, RetryPolicy } from './defaults';
import type { RawPostResponse } from './response-errors';

export interface PostHttpOptions {
  fetch?: typeof globalThis.fetch | undefined;
  /** Per attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  clock: Clock;
  /** Headers sent with every request (the APIM subscription key, say). */
  headers?: Record<string, string> | undefined;
  /**
   * The jitter source, for tests: `() => 0` makes every backoff wait 0 ms. ky waits with its own
   * timer and takes no injected `sleep`, so this (and a `Retry-After` the test server controls)
   * is how a test decides how long retries wait.
   */
  random?: () => number;
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
   * request is repeated only after failures that prove it was not processed (429, 503,
   * connection refused, unknown host).
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

/** The statuses `errors/` calls retryable, as the list ky's retry options take. */
const RETRYABLE_STATUS_CODES = Array.from({ length: 200 }, (_, index) => 400 + index).filter(
  isRetryableStatus,
);

/** What every attempt of a request sends: URL, headers and body, encoded once. */
interface EncodedRequest {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string | URLSearchParams };
}

function encode(request: PostRequest, shared: Record<string, string> | undefined): EncodedRequest {
  const query =
    request.searchParams === undefined ? '' : `?${new URLSearchParams(request.searchParams)}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...shared,
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

/**
 * ky's retry options for a policy: which statuses and methods are retried (POST too: whether a
 * POST may be repeated is `shouldRetry`'s call), full-jitter exponential backoff, `Retry-After`
 * on every retryable status, retries after a timeout.
 */
function kyRetry(policy: RetryPolicy, random: () => number): RetryOptions {
  return {
    limit: policy.attempts - 1,
    methods: ['get', 'post'],
    statusCodes: RETRYABLE_STATUS_CODES,
    afterStatusCodes: RETRYABLE_STATUS_CODES,
    maxRetryAfter: policy.maxTotalMs,
    // The cap is applied before the jitter (full jitter: a wait drawn from 0 to the capped step);
    // ky's `backoffLimit` would cap after it, which is not the same distribution.
    delay: (attemptCount) =>
      Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptCount - 1)),
    jitter: (delayMs) => random() * delayMs,
    retryOnTimeout: true,
  };
}

/**
 * The HTTP layer of the Post client: ky runs the attempts (retry limit, statuses, full-jitter
 * backoff, `Retry-After`, the per-attempt timeout, and an `AbortSignal` bounding all attempts
 * and waits together); `shouldRetry` adds the two rules ky has no option for:
 *
 * - a request that is not idempotent (a label without item number) is repeated only after a
 *   failure that proves Swiss Post did not process it;
 * - a `Retry-After` that does not fit the remaining budget ends the call at once. ky's
 *   `maxRetryAfter` is documented to cancel then, but ky 1.14.3 waits `maxRetryAfter` and sends
 *   again (shown in http.test.ts), which here would spend the whole budget to be refused again.
 *
 * The platform `fetch` (injectable) gets the URL and an init with the body as encoded here, as
 * before ky: ky would hand it a `Request` whose body is a stream, which a fetch that inspects or
 * rewrites the form (tests, proxies, instrumentation) cannot read without consuming it (also
 * shown in http.test.ts). ky's `Request` supplies the attempt's abort signal. ky costs about
 * 0.1 ms a request on loopback, mostly the two `Request`s it builds per attempt
 * (bench/post-client).
 *
 * @example
 * const http = createPostHttp({ timeoutMs: 15_000, retry: DEFAULT_RETRY, logger, clock });
 * const raw = await http.send({
 *   service: 'locations', baseUrl, path: 'Poi', method: 'GET',
 *   searchParams: { id: '8001-T1-0' }, idempotent: true,
 * });
 */
export function createPostHttp(options: PostHttpOptions): PostHttp {
  const { retry, clock, logger } = options;
  const retryOptions = kyRetry(retry, options.random ?? Math.random);
  const doFetch =
    options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));

  return {
    async send(request) {
      const { url, init } = encode(request, options.headers);
      // The signal bounds the call in real time; `deadline`, on the client's clock, is what a
      // Retry-After is checked against before ky waits for it. A backoff ky has drawn cannot be
      // checked before it starts (ky draws it after shouldRetry), so the budget cuts it short.
      const deadline = clock.now() + retry.maxTotalMs;
      const budget = AbortSignal.timeout(retry.maxTotalMs);
      let attempts = 0;
      let settled = 0;
      let attemptStarted = clock.now();
      let last: AttemptFailure | undefined;
      const log = () => ({
        service: request.service,
        method: request.method,
        path: request.path,
        attempt: attempts,
        ms: clock.now() - attemptStarted,
      });

      /** Classifies, logs and reports an attempt's failure, once per attempt. */
      const failed = async (thrown: unknown): Promise<AttemptFailure> => {
        if (last !== undefined && last.thrown === thrown) return last;
        settled = attempts;
        const failure = await classifyFailure(thrown, {
          service: request.service,
          method: request.method,
          url,
          timeoutMs: options.timeoutMs,
          budgetMs: retry.maxTotalMs,
          budget,
          nowMs: clock.now(),
        });
        last = failure;
        logger.warn('swiss post attempt failed', { ...log(), error: failure.error });
        if (!failure.notProcessed) request.onUncertainAttempt?.();
        return failure;
      };

      try {
        const response = await ky(url, {
          method: request.method,
          signal: budget,
          timeout: options.timeoutMs,
          throwHttpErrors: isRetryableStatus,
          fetch: (input) => {
            attempts += 1;
            attemptStarted = clock.now();
            const signal = input instanceof Request ? input.signal : budget;
            return doFetch(url, { ...init, signal });
          },
          retry: {
            ...retryOptions,
            async shouldRetry({ error }) {
              const failure = await failed(error);
              if (budget.aborted) return false;
              if (!request.idempotent && !failure.notProcessed) return false;
              const retryAfterMs = (failure.retryAfterSeconds ?? 0) * 1000;
              if (clock.now() + retryAfterMs >= deadline) return false;
              // ky's own rules from here: the status, Retry-After or backoff, the timeout flag.
              return undefined;
            },
          },
        });
        const raw = await readAnswer(request.service, response);
        logger.debug('swiss post answered', { ...log(), status: raw.status });
        return raw;
      } catch (thrown) {
        // Every attempt already accounted for: the budget ran out during a wait, and the call
        // ends in the last attempt's failure rather than in an abort.
        const failure = last !== undefined && settled === attempts ? last : await failed(thrown);
        throw failure.error;
      }
    },
  };
}
