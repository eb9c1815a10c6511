/**
 * Every code a `PickPostError` can carry, with the sentence it stands for. The map is closed:
 * code that branches on `error.code` gets exhaustiveness checking, and a new failure mode means a
 * new entry here rather than a free-form string somewhere else.
 */
export const PICKPOST_ERROR_CODES = {
  /** Input (an address, a parcel, a shipment…) broke a Swiss Post rule or the schema. */
  VALIDATION_FAILED: 'The input failed validation',
  /** The integration configuration is incomplete or contradicts its variant. */
  CONFIG_INVALID: 'The PickPost configuration is invalid',
  /** Swiss Post answered with an error code (E….) or an unexpected HTTP status. */
  POST_API_ERROR: 'Swiss Post rejected the request',
  /** The token endpoint refused the client credentials, or an API refused the token. */
  POST_AUTH_FAILED: 'Swiss Post refused the credentials',
  /** Swiss Post could not be reached or the connection dropped. */
  POST_NETWORK_ERROR: 'Swiss Post could not be reached',
  /** Swiss Post did not answer in time. */
  POST_TIMEOUT: 'Swiss Post did not answer in time',
  /** Swiss Post answered with a body that does not have the documented shape. */
  POST_RESPONSE_INVALID: 'Swiss Post answered with an unexpected response',
  /** An identcode has the wrong length, non-digits, or a licence part that does not match. */
  IDENTCODE_INVALID: 'The identcode is invalid',
  /** Every item number of the configured range is in use within the reuse window. */
  ITEM_NUMBERS_EXHAUSTED: 'No item number is free in the configured range',
  /** A label could not be rendered (text does not fit, unsupported layout…). */
  LABEL_RENDER_FAILED: 'The label could not be rendered',
  /** A DataTransfer file could not be written, delivered or verified. */
  DATATRANSFER_FAILED: 'The DataTransfer delivery failed',
  /** A DataTransfer report (3, 7 or 11) is not well-formed XML or says not which report it is. */
  DATATRANSFER_REPORT_INVALID: 'A DataTransfer report could not be read',
  /** The SFTP server presented a host key other than the configured one. */
  HOST_KEY_MISMATCH: 'The SFTP host key does not match the configured fingerprint',
  /** A checkout selection was altered after it was signed. */
  SELECTION_INVALID: 'The pick-up point selection is not valid',
  /** A checkout selection is older than its lifetime. */
  SELECTION_EXPIRED: 'The pick-up point selection has expired',
  /** The operation does not exist in the configured integration variant. */
  NOT_IN_VARIANT: 'The configured integration variant does not offer this operation',
  /** A pick-up point or another requested object does not exist. */
  NOT_FOUND: 'The requested object does not exist',
  /** The parcel was cancelled: its label must not be handed out again. */
  PARCEL_CANCELLED: 'The parcel was cancelled',
  /** An order reference was reused with other contents than the parcel made for it. */
  IDEMPOTENCY_CONFLICT: 'The order reference was used before with other contents',
  /** The durable state store failed or holds data it cannot read. */
  STORE_FAILED: 'The state store failed',
} as const;

/** One of the keys of {@link PICKPOST_ERROR_CODES}. */
export type PickPostErrorCode = keyof typeof PICKPOST_ERROR_CODES;
