import { MedusaError } from '@medusajs/framework/utils';
import { isLabelRenderError, isPickPostError } from '@pickpost/core';

/** A refusal Medusa shows the storefront or admin as `invalid_data` (HTTP 400). */
export const invalidData = (message: string): MedusaError =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `PickPost: ${message}`);

/** PickPost errors about the shopper's or merchant's data, as opposed to the Post or the store failing. */
const DATA_ERRORS: ReadonlySet<string> = new Set([
  'VALIDATION_FAILED',
  'SELECTION_INVALID',
  'SELECTION_EXPIRED',
  'NOT_FOUND',
  'NOT_IN_VARIANT',
  'PARCEL_CANCELLED',
  'IDEMPOTENCY_CONFLICT',
]);

/**
 * Whether an error is about what was asked: besides the data errors, a label or barcode option
 * it cannot be drawn with (a PNG resolution too low for Swiss Post's bar tolerances), but not
 * a drawing that failed for another reason.
 */
export const isRequestError = (error: unknown): boolean =>
  (isPickPostError(error) && DATA_ERRORS.has(error.code)) ||
  (isLabelRenderError(error) && error.reason !== 'render_failed');

/**
 * Runs `work`, turning a PickPost error (a bad selection, a point that cannot take the parcel,
 * an address Swiss Post would refuse) into a Medusa `INVALID_DATA` error with the same words.
 * Other errors (the Post unreachable, the store down, a bug) pass through unchanged.
 */
export async function asMedusaErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isRequestError(error)) throw invalidData((error as Error).message);
    throw error;
  }
}
