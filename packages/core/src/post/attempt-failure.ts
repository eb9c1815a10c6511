import { isHTTPError, isTimeoutError } from 'ky';
import type { PickPostError, PostApiError } from '../errors/index';
import { PostNetworkError, PostTimeoutError } from '../errors/index';
import type { PostService } from './defaults';
import type { RawPostResponse } from './response-errors';
import { toPostError } from './response-errors';

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

/**
 * A Swiss Post answer as the client hands it on: status, headers, and the body parsed as JSON
 * when it says it is JSON (its text when it is not, `undefined` when empty).
 */
export async function readAnswer(
  service: PostService,
  response: Response,
): Promise<RawPostResponse> {
  const text = await response.text();
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && /json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Left as text: the service parsers report a body that is not what they expect.
    }
  }
  return { service, status: response.status, headers: response.headers, body };
}

/** How one attempt failed. */
export interface AttemptFailure {
  /** What ky or `fetch` threw, so that one failure is classified once. */
  thrown: unknown;
  /** The typed error the call ends in if this attempt is its last. */
  error: PickPostError;
  /** Whether the failure proves that Swiss Post did not process the request. */
  notProcessed: boolean;
  retryAfterSeconds?: number | undefined;
}

/** What {@link classifyFailure} needs to know about the request and its bounds. */
export interface FailureContext {
  service: PostService;
  method: string;
  url: string;
  /** The per-attempt timeout, reported by a `PostTimeoutError` from ky's timer. */
  timeoutMs: number;
  /** The bound on all attempts together, and its signal. */
  budgetMs: number;
  budget: AbortSignal;
  /** The client's clock, which an HTTP-date `Retry-After` is counted from. */
  nowMs: number;
}

/**
 * Turns what one attempt threw into the error the caller sees and says whether the request may
 * be repeated without risk: ky's `HTTPError` (the layer lets ky throw only for the retryable
 * statuses) becomes a `PostApiError`, 429 and 503 proving the server did not handle the request
 * (RFC 9110 §15.5.30, §15.6.4); ky's per-attempt `TimeoutError`, or the end of the budget,
 * becomes a `PostTimeoutError`; anything else from `fetch` a `PostNetworkError`, proven unsent
 * only for connection errors that happen before a byte is sent.
 *
 * @example
 * const failure = await classifyFailure(error, context);
 * if (failure.notProcessed) // safe to send again, even a label request
 */
export async function classifyFailure(
  thrown: unknown,
  context: FailureContext,
): Promise<AttemptFailure> {
  const { method, url } = context;
  if (isHTTPError(thrown)) {
    const raw = await readAnswer(context.service, thrown.response);
    // Only retryable statuses are thrown: neither a success nor a 401/403, so a PostApiError.
    const error = toPostError(raw, context.nowMs) as PostApiError;
    return {
      thrown,
      error,
      notProcessed: raw.status === 429 || raw.status === 503,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (isTimeoutError(thrown) || (thrown instanceof Error && thrown.name === 'AbortError')) {
    const timeoutMs =
      context.budget.aborted && thrown === context.budget.reason
        ? context.budgetMs
        : context.timeoutMs;
    return {
      thrown,
      error: new PostTimeoutError({ method, url, timeoutMs, cause: thrown }),
      notProcessed: false,
    };
  }
  const code = causeCode(thrown);
  return {
    thrown,
    error: new PostNetworkError({ method, url, cause: thrown }),
    notProcessed: code !== undefined && NOT_SENT_CODES.has(code),
  };
}
