import type { PickPostErrorCode } from '../errors/index';
import { isPickPostError, isPickPostValidationError } from '../errors/index';
import type { CheckoutAnswer } from './exchange';
import { toResponse } from './exchange';

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Array<{ path: string; message: string }> };
}

/** HTTP status for each PickPost error code: the caller's fault (4xx) or upstream/our fault (5xx). */
const STATUS_BY_CODE: Record<PickPostErrorCode, number> = {
  VALIDATION_FAILED: 422,
  CONFIG_INVALID: 500,
  POST_API_ERROR: 502,
  POST_AUTH_FAILED: 502,
  POST_NETWORK_ERROR: 502,
  POST_TIMEOUT: 504,
  POST_RESPONSE_INVALID: 502,
  IDENTCODE_INVALID: 422,
  ITEM_NUMBERS_EXHAUSTED: 503,
  LABEL_RENDER_FAILED: 422,
  DATATRANSFER_FAILED: 502,
  HOST_KEY_MISMATCH: 502,
  SELECTION_INVALID: 422,
  SELECTION_EXPIRED: 422,
  NOT_IN_VARIANT: 409,
  NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  PARCEL_CANCELLED: 409,
  STORE_FAILED: 500,
};

/** A JSON answer; `body` already serialised when it is a string. */
export function jsonAnswer(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  cookies?: readonly string[],
): CheckoutAnswer {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    ...(cookies === undefined || cookies.length === 0 ? {} : { cookies }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export function errorAnswer(
  status: number,
  code: string,
  message: string,
  extra: { fields?: ErrorBody['error']['fields']; headers?: Record<string, string> } = {},
): CheckoutAnswer {
  const body: ErrorBody = {
    error: { code, message, ...(extra.fields === undefined ? {} : { fields: extra.fields }) },
  };
  return jsonAnswer(status, body, extra.headers);
}

/**
 * Turns anything thrown into a JSON error answer. PickPost errors keep their code and message
 * (they never hold a secret); anything else is an internal error whose details stay in the log.
 */
export function toErrorAnswer(error: unknown): CheckoutAnswer {
  if (isPickPostValidationError(error)) {
    return errorAnswer(422, error.code, error.message, {
      fields: error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    });
  }
  if (isPickPostError(error)) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    const message = status === 500 ? 'The shop could not complete this request' : error.message;
    return errorAnswer(status, error.code, message);
  }
  return errorAnswer(500, 'INTERNAL_ERROR', 'The shop could not complete this request');
}

/**
 * {@link toErrorAnswer} as a fetch `Response`, for errors a shop's own routes throw.
 *
 * @example
 * catch (error) { return toErrorResponse(error); }
 */
export function toErrorResponse(error: unknown): Response {
  return toResponse(toErrorAnswer(error));
}
