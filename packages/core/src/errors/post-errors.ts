import type { PickPostErrorOptions } from './pickpost-error';
import { isPickPostErrorNamed, PickPostError } from './pickpost-error';
import { redactSecrets } from './redact';
import { listIssues } from './validation-error';

/** A warning (`W….`) Swiss Post returned beside a successful answer. */
export interface PostWarning {
  code: string;
  message: string;
}

export interface PostApiErrorInit extends PickPostErrorOptions {
  /** The HTTP status of the answer (Swiss Post also reports errors inside HTTP 200 bodies). */
  status: number;
  /** Swiss Post's own code, such as `E2016`, when the answer carried one. */
  postCode?: string | undefined;
  /** Swiss Post's text for the code, in the language of the call. */
  postMessage?: string | undefined;
  /** The request field Swiss Post named, when it named one. */
  field?: string | undefined;
  /** The request id Swiss Post sent back, for support tickets. */
  requestId?: string | undefined;
  /** Seconds to wait before the next attempt, from a `Retry-After` header. */
  retryAfterSeconds?: number | undefined;
  /** Every E-code of the answer, when it carried several. */
  postErrors?: ReadonlyArray<{ code: string; message: string }> | undefined;
  /** Every field a schema validation answer (HTTP 400) named. */
  fieldErrors?: ReadonlyArray<{ field: string; message: string }> | undefined;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Whether the same request may succeed later after an answer with this HTTP status. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Swiss Post answered and refused: an `E….` code (also when it came inside an HTTP 200 body) or
 * an HTTP error status.
 *
 * @example
 * catch (error) {
 *   if (isPostApiError(error) && error.postCode === 'E2016') { … item number already used … }
 * }
 */
export class PostApiError extends PickPostError {
  override name = 'PostApiError' as const;
  readonly status: number;
  readonly postCode: string | undefined;
  readonly postMessage: string | undefined;
  readonly field: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly postErrors: ReadonlyArray<{ code: string; message: string }>;
  readonly fieldErrors: ReadonlyArray<{ field: string; message: string }>;

  constructor(init: PostApiErrorInit) {
    const what = [init.postCode, init.postMessage].filter(Boolean).join(' ');
    const where = init.field ? ` (field ${init.field})` : '';
    super(
      'POST_API_ERROR',
      `Swiss Post rejected the request: ${what || 'no error code'}${where} (HTTP ${init.status})`,
      init,
    );
    this.status = init.status;
    this.postCode = init.postCode;
    this.postMessage = init.postMessage === undefined ? undefined : redactSecrets(init.postMessage);
    this.field = init.field;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.postErrors = (init.postErrors ?? []).map((error) => ({
      code: error.code,
      message: redactSecrets(error.message),
    }));
    this.fieldErrors = (init.fieldErrors ?? []).map((error) => ({
      field: error.field,
      message: redactSecrets(error.message),
    }));
  }

  /** Whether the same request may succeed later (429 and 5xx; never a Swiss Post E-code). */
  get retryable(): boolean {
    return this.postCode === undefined && isRetryableStatus(this.status);
  }

  protected override details(): Record<string, unknown> {
    return {
      status: this.status,
      postCode: this.postCode,
      postMessage: this.postMessage,
      field: this.field,
      requestId: this.requestId,
      retryAfterSeconds: this.retryAfterSeconds,
      postErrors: this.postErrors,
      fieldErrors: this.fieldErrors,
    };
  }
}

/**
 * Swiss Post answered with a body that does not have the documented shape: a changed API, a
 * proxy's error page, or a broken gateway. Not retried; `issues` say what did not match.
 */
export class PostResponseError extends PickPostError {
  override name = 'PostResponseError' as const;
  readonly status: number;
  readonly service: string;
  readonly issues: ReadonlyArray<{ path: string; message: string }>;

  constructor(
    init: {
      status: number;
      service: string;
      issues: ReadonlyArray<{ path: string; message: string }>;
    } & PickPostErrorOptions,
  ) {
    const listed = listIssues(init.issues.slice(0, 5));
    super(
      'POST_RESPONSE_INVALID',
      `Swiss Post's ${init.service} service answered with an unexpected body (HTTP ${init.status}): ${listed}`,
      init,
    );
    this.status = init.status;
    this.service = init.service;
    this.issues = init.issues;
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status, service: this.service, issues: this.issues };
  }
}

/** Whether `value` is a {@link PostResponseError}, from this copy of core or another. */
export function isPostResponseError(value: unknown): value is PostResponseError {
  return value instanceof PostResponseError || isPickPostErrorNamed(value, 'PostResponseError');
}

/** The token endpoint refused the client credentials, or an API refused the token or scope. */
export class PostAuthError extends PickPostError {
  override name = 'PostAuthError' as const;
  readonly status: number;

  constructor(
    init: {
      status: number;
      reason?: string;
      /** What was refused, for the message: the credentials (default) or, say, the scope. */
      refused?: string;
    } & PickPostErrorOptions,
  ) {
    super(
      'POST_AUTH_FAILED',
      `Swiss Post refused the ${init.refused ?? 'credentials'} (HTTP ${init.status})${init.reason ? `: ${init.reason}` : ''}`,
      init,
    );
    this.status = init.status;
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status };
  }
}

/** The request never got an answer: DNS, refused or reset connection, TLS failure. */
export class PostNetworkError extends PickPostError {
  override name = 'PostNetworkError' as const;
  readonly method: string;
  readonly url: string;

  constructor(init: { method: string; url: string } & PickPostErrorOptions) {
    const url = withoutQuery(init.url);
    super('POST_NETWORK_ERROR', `Swiss Post could not be reached: ${init.method} ${url}`, init);
    this.method = init.method;
    this.url = url;
  }

  protected override details(): Record<string, unknown> {
    return { method: this.method, url: this.url };
  }
}

/** No answer within the configured time (per attempt, or for all retries together). */
export class PostTimeoutError extends PickPostError {
  override name = 'PostTimeoutError' as const;
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;

  constructor(init: { method: string; url: string; timeoutMs: number } & PickPostErrorOptions) {
    const url = withoutQuery(init.url);
    super(
      'POST_TIMEOUT',
      `Swiss Post did not answer within ${init.timeoutMs} ms: ${init.method} ${url}`,
      init,
    );
    this.method = init.method;
    this.url = url;
    this.timeoutMs = init.timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { method: this.method, url: this.url, timeoutMs: this.timeoutMs };
  }
}

/** Query strings can carry credentials (WooCommerce `consumer_secret=`), so they are dropped. */
function withoutQuery(url: string): string {
  const queryAt = url.search(/[?#]/);
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/** Whether `value` is a {@link PostApiError}, from this copy of `@pickpost/core` or another. */
export function isPostApiError(value: unknown): value is PostApiError {
  return value instanceof PostApiError || isPickPostErrorNamed(value, 'PostApiError');
}

/** Whether `value` is a {@link PostAuthError}, from this copy of `@pickpost/core` or another. */
export function isPostAuthError(value: unknown): value is PostAuthError {
  return value instanceof PostAuthError || isPickPostErrorNamed(value, 'PostAuthError');
}

/** Whether `value` is a {@link PostNetworkError}, from this copy of `@pickpost/core` or another. */
export function isPostNetworkError(value: unknown): value is PostNetworkError {
  return value instanceof PostNetworkError || isPickPostErrorNamed(value, 'PostNetworkError');
}

/** Whether `value` is a {@link PostTimeoutError}, from this copy of `@pickpost/core` or another. */
export function isPostTimeoutError(value: unknown): value is PostTimeoutError {
  return value instanceof PostTimeoutError || isPickPostErrorNamed(value, 'PostTimeoutError');
}
