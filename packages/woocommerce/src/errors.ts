/**
 * What can go wrong between the sync service and the shop, as typed errors that name the order
 * and WooCommerce's own code. Messages never carry the consumer secret: the npm client puts it
 * into URLs (query-string auth) and Axios quotes its whole config, so no raw Axios error leaves
 * the wrapper.
 */

/** Why a WooCommerce call failed. */
export type WooErrorKind =
  /** WooCommerce answered with an error object (`{ code, message, data: { status } }`). */
  | 'api'
  /** A host, proxy or WAF answered with something that is not WooCommerce's JSON. */
  | 'not-json'
  /** No answer: refused, reset or dropped connection, DNS, TLS. */
  | 'network'
  /** No answer in time. */
  | 'timeout';

/**
 * What a failed WooCommerce call was: its kind, HTTP status and WooCommerce error code, and the
 * order it concerned, so a caller can tell a retry from a dead end.
 */
export interface WooCommerceErrorDetails {
  kind: WooErrorKind;
  /** HTTP status, when there was an answer. */
  status?: number | undefined;
  /** WooCommerce's error code (`woocommerce_rest_shop_order_invalid_id`, …), when it sent one. */
  wooCode?: string | undefined;
  /** The order the call was about. */
  orderId?: number | undefined;
  /** `GET orders`, `POST orders/batch`, … (never the URL: it may carry the consumer key). */
  operation: string;
  /** Whether repeating the call later may succeed (429, 5xx, no answer, a host's HTML page). */
  retryable: boolean;
  /** Seconds the shop asked to wait (`Retry-After`). */
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

/**
 * A WooCommerce REST call that failed.
 *
 * @example
 * try { await woo.getOrder(42); } catch (error) {
 *   if (isWooCommerceError(error) && error.wooCode === 'woocommerce_rest_shop_order_invalid_id') …
 * }
 */
export class WooCommerceError extends Error {
  override readonly name = 'WooCommerceError';
  readonly kind: WooErrorKind;
  readonly status: number | undefined;
  readonly wooCode: string | undefined;
  readonly orderId: number | undefined;
  readonly operation: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, details: WooCommerceErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.status = details.status;
    this.wooCode = details.wooCode;
    this.orderId = details.orderId;
    this.operation = details.operation;
    this.retryable = details.retryable;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Everything but the cause, which may quote the client's configuration. */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      status: this.status,
      wooCode: this.wooCode,
      orderId: this.orderId,
      operation: this.operation,
      retryable: this.retryable,
    };
  }
}

/** Also across two copies of this package. */
export function isWooCommerceError(value: unknown): value is WooCommerceError {
  return value instanceof Error && value.name === 'WooCommerceError';
}

/** A configuration file or option that cannot be used; `field` names the setting. */
export class SyncConfigError extends Error {
  override readonly name = 'SyncConfigError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
