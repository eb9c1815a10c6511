import type { PickPostErrorCode } from '../errors/index';
import { isPickPostError, isPickPostValidationError, isPostApiError } from '../errors/index';
import type { CheckoutAnswer } from './exchange';
import { toResponse } from './exchange';

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Array<{ path: string; message: string }>;
    /** Names the log lines with the details of a failure. */
    requestId?: string;
  };
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
  DATATRANSFER_REPORT_INVALID: 502,
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
  extra: {
    fields?: ErrorBody['error']['fields'];
    headers?: Record<string, string>;
    requestId?: string;
  } = {},
): CheckoutAnswer {
  const body: ErrorBody = {
    error: {
      code,
      message,
      ...(extra.fields === undefined ? {} : { fields: extra.fields }),
      ...(extra.requestId === undefined ? {} : { requestId: extra.requestId }),
    },
  };
  return jsonAnswer(status, body, extra.headers);
}

/** The HTTP status of an error: the caller's fault (4xx) or upstream or ours (5xx). */
export function statusOf(error: unknown): number {
  if (isPickPostValidationError(error)) return 422;
  // Swiss Post refused the parcel's data itself (an E-code such as E1015 for an unknown
  // service): the request's content is at fault, not the service.
  if (isPostApiError(error) && error.postCode !== undefined && /^E\d{4}$/.test(error.postCode))
    return 422;
  if (isPickPostError(error)) return STATUS_BY_CODE[error.code] ?? 500;
  return 500;
}

/** Messages for a shopper: what went wrong in general terms, without upstream details. */
const PUBLIC_MESSAGES: Partial<Record<string, string>> = {
  POST_API_ERROR: 'Swiss Post could not handle this request; please try again later',
  POST_AUTH_FAILED: 'The shop cannot reach Swiss Post at the moment; please try again later',
  POST_NETWORK_ERROR: 'Swiss Post cannot be reached at the moment; please try again later',
  POST_TIMEOUT: 'Swiss Post did not answer in time; please try again',
  POST_RESPONSE_INVALID: 'Swiss Post answered unexpectedly; please try again later',
};

/**
 * Turns anything thrown into a JSON error answer. For the shop's own admin calls, PickPost
 * errors keep their code and message (they never hold a secret). For the public routes a
 * shopper's browser calls, errors from Swiss Post and the shop's side are told in general terms
 * (no upstream URL, no Swiss Post reason for refused credentials) with the request id under
 * which the details are logged; validation errors keep their fields, which the form needs.
 */
export function toErrorAnswer(
  error: unknown,
  options: { audience?: 'admin' | 'public'; requestId?: string } = {},
): CheckoutAnswer {
  const status = statusOf(error);
  const requestId = options.requestId === undefined ? {} : { requestId: options.requestId };
  if (isPickPostValidationError(error)) {
    return errorAnswer(status, error.code, error.message, {
      fields: error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      ...requestId,
    });
  }
  if (!isPickPostError(error) || status === 500) {
    return errorAnswer(
      500,
      'INTERNAL_ERROR',
      'The shop could not complete this request',
      requestId,
    );
  }
  const generic = options.audience === 'public' ? PUBLIC_MESSAGES[error.code] : undefined;
  return errorAnswer(status, error.code, generic ?? error.message, requestId);
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
