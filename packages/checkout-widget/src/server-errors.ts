import type { PickPostRequestError } from './api';
import type { Messages } from './messages';

type MessageKey = 'checkFields' | 'expired' | 'busy' | 'postDown';

/**
 * The checkout API's error codes (`@pickpost/core`'s `error.code`) as texts for the shopper.
 * The server's own `message` is written for developers, in English: it is never shown.
 */
const BY_CODE: Readonly<Record<string, MessageKey>> = {
  VALIDATION_FAILED: 'checkFields',
  SELECTION_INVALID: 'expired',
  SELECTION_EXPIRED: 'expired',
  RATE_LIMITED: 'busy',
  POST_AUTH_FAILED: 'postDown',
  POST_NETWORK_ERROR: 'postDown',
  POST_TIMEOUT: 'postDown',
  POST_RESPONSE_INVALID: 'postDown',
};

/**
 * What to tell the shopper about a failed call, in their language. `marked`: a field of the
 * form was marked with its own message (only then can "check the marked fields" help);
 * `selecting`: the call saved a choice of point (a 404 then means the point is gone).
 *
 * @example
 * const error = new PickPostRequestError('Swiss Post …', 504, 'POST_TIMEOUT');
 * errorText(error, messages.de, { marked: false, selecting: false });
 * // 'Die Post ist im Moment nicht erreichbar. …'
 */
export function errorText(
  error: PickPostRequestError,
  m: Messages,
  { marked, selecting }: { marked: boolean; selecting: boolean },
): string {
  if (error.status === 0) return m.network;
  if (error.status === 429) return m.busy;
  // Swiss Post refused the content (an E-code, HTTP 422), or could not be asked at all.
  if (error.code === 'POST_API_ERROR') return error.status === 422 ? m.postRefused : m.postDown;
  if (selecting && error.status === 404) return m.pointGone;
  const key = BY_CODE[error.code];
  if (key === 'checkFields' && !marked) return m.failed;
  return key === undefined ? m.failed : m[key];
}

/** The text next to a field the server refused: what is missing, or that it needs a look. */
export function fieldText(input: HTMLInputElement, m: Messages): string {
  const filled = input.value.trim() !== '';
  if (input.name === 'pickpostId') return filled ? m.idInvalid : m.idMissing;
  return filled ? m.fieldInvalid : m.required;
}

/**
 * The input in `inputs` a refused field's `path` names: by its last segment, and the search
 * field for the `zip` or `town` of a point search.
 */
export function inputForPath(
  inputs: readonly HTMLInputElement[],
  path: string,
): HTMLInputElement | undefined {
  const name = path.split('.').pop() ?? '';
  return (
    inputs.find((input) => input.name === name) ??
    (name === 'zip' || name === 'town' ? inputs.find((input) => input.name === 'q') : undefined)
  );
}
