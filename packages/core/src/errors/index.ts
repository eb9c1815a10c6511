export { PICKPOST_ERROR_CODES, type PickPostErrorCode } from './codes';
export { IdempotencyConflictError, isIdempotencyConflictError } from './idempotency-conflict';
export {
  type CauseSummary,
  isPickPostError,
  isPickPostErrorNamed,
  PICKPOST_ERROR_NAMES,
  PickPostError,
  type PickPostErrorJSON,
  type PickPostErrorName,
  type PickPostErrorOptions,
  summariseCause,
} from './pickpost-error';
export {
  isPostApiError,
  isPostAuthError,
  isPostNetworkError,
  isPostResponseError,
  isPostTimeoutError,
  PostApiError,
  type PostApiErrorInit,
  PostAuthError,
  PostNetworkError,
  PostResponseError,
  PostTimeoutError,
  type PostWarning,
} from './post-errors';
export { redactSecrets } from './redact';
export {
  ConfigError,
  formatIssuePath,
  isConfigError,
  isPickPostValidationError,
  PickPostValidationError,
  type ValidationIssue,
} from './validation-error';
