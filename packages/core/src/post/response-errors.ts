import type { PostWarning } from '../errors/index';
import { PostApiError, PostAuthError } from '../errors/index';
import type { PostService } from './defaults';

/** An answer from Swiss Post as the HTTP layer hands it over: status, headers, parsed body. */
export interface RawPostResponse {
  service: PostService;
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body was not JSON, or `undefined` when empty. */
  body: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** `Retry-After` as seconds: a number of seconds or an HTTP date [RFC 9110 §10.2.3]. */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

const requestIdOf = (headers: Headers) =>
  headers.get('x-request-id') ?? headers.get('x-correlation-id') ?? undefined;

/** The E/W codes of a Barcode web service item (`item.errors` / `item.warnings`). */
export function readCodedMessages(value: unknown): PostWarning[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!isObject(entry)) return [];
    const code = text(entry.code) ?? text(entry.Code);
    const message = text(entry.message) ?? text(entry.Message) ?? '';
    return code === undefined ? [] : [{ code, message }];
  });
}

function readFieldErrors(body: unknown): Array<{ field: string; message: string }> {
  const list = isObject(body) ? (body.errors ?? body.validationErrors) : body;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    if (!isObject(entry)) return [];
    const field = text(entry.field) ?? '';
    const message =
      text(entry.error) ?? text(entry.message) ?? text(entry.defaultMessage) ?? 'invalid';
    return [{ field, message }];
  });
}

/**
 * The one place where a Swiss Post answer that is not a success becomes an error:
 *
 * - 401 and 403 → {@link PostAuthError} (credentials, token or scope refused);
 * - an HTTP 200 whose `item.errors` holds E-codes → {@link PostApiError} with `postCode`
 *   (the Barcode web service reports business errors this way [C OCA, WPPOST]);
 * - a 400 with field errors (`ValidationError{field, error}` [C VEKKON]) → {@link PostApiError}
 *   with `field` and every `fieldErrors` entry;
 * - 429 and 5xx → a retryable {@link PostApiError}, with `Retry-After` when sent;
 * - anything else → {@link PostApiError} with the status.
 *
 * Returns `undefined` for a success. `nowMs` is the time an HTTP-date `Retry-After` is counted
 * from (the client's clock; the system time by default).
 */
export function toPostError(
  response: RawPostResponse,
  nowMs?: number,
): PostApiError | PostAuthError | undefined {
  const { status, body, headers } = response;
  if (status === 401 || status === 403) {
    const reason = isObject(body) ? (text(body.error_description) ?? text(body.error)) : undefined;
    return new PostAuthError({ status, ...(reason === undefined ? {} : { reason }) });
  }
  if (status >= 200 && status < 300) {
    const errors = isObject(body) && isObject(body.item) ? readCodedMessages(body.item.errors) : [];
    const [first] = errors;
    if (first === undefined) return undefined;
    const requestId = requestIdOf(headers);
    return new PostApiError({
      status,
      postCode: first.code,
      postMessage: first.message,
      postErrors: errors,
      requestId,
    });
  }
  const requestId = requestIdOf(headers);
  const fieldErrors = status === 400 ? readFieldErrors(body) : [];
  const [firstField] = fieldErrors;
  const description = isObject(body)
    ? (text(body.error_description) ?? text(body.message) ?? text(body.error))
    : undefined;
  return new PostApiError({
    status,
    postMessage: firstField?.message ?? description,
    field: firstField?.field || undefined,
    fieldErrors,
    requestId,
    retryAfterSeconds: parseRetryAfter(headers.get('retry-after'), nowMs),
  });
}
