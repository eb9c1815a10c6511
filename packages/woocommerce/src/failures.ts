import {
  isPickPostError,
  isPickPostValidationError,
  isPostApiError,
  isPostNetworkError,
  isPostTimeoutError,
} from '@pickpost/core';
import { isWooCommerceError } from './errors';

/** Whether a failure may go away by itself (retry later) or needs the merchant (hold + note). */
export interface FailureVerdict {
  temporary: boolean;
  /** For the order note and the dead-letter list: what failed, naming the field. */
  text: string;
}

/** PickPost error codes a retry cannot fix: the order or the configuration must change. */
const PERMANENT_CODES = new Set([
  'VALIDATION_FAILED',
  'CONFIG_INVALID',
  'SELECTION_INVALID',
  'SELECTION_EXPIRED',
  'NOT_IN_VARIANT',
  'NOT_FOUND',
  'PARCEL_CANCELLED',
  'IDEMPOTENCY_CONFLICT',
  'IDENTCODE_INVALID',
  'LABEL_RENDER_FAILED',
]);

/**
 * Sorts a failure of `fulfil` or of a shop call. A refused service code or a field Swiss Post
 * does not accept is permanent; an unreachable Post, a throttling shop or a store that failed
 * for a moment is temporary.
 */
export function judgeFailure(error: unknown): FailureVerdict {
  if (isPickPostValidationError(error)) {
    const fields = error.issues.map((issue) => `${issue.path || 'order'}: ${issue.message}`);
    return { temporary: false, text: `invalid order data (${fields.join('; ')})` };
  }
  if (isPostApiError(error)) {
    const field = (error as { field?: string }).field;
    return {
      temporary: error.retryable,
      text: `Swiss Post refused the parcel${field === undefined ? '' : ` (field ${field})`}: ${error.message}`,
    };
  }
  if (isPostNetworkError(error) || isPostTimeoutError(error)) {
    return { temporary: true, text: `Swiss Post could not be reached: ${error.message}` };
  }
  if (isPickPostError(error)) {
    const permanent = PERMANENT_CODES.has(error.code);
    return { temporary: !permanent, text: `${error.code}: ${error.message}` };
  }
  if (isWooCommerceError(error)) {
    return { temporary: error.retryable, text: error.message };
  }
  return {
    temporary: true,
    text: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown failure',
  };
}
