/** A simulator option that cannot work, naming the option. Never carries a secret. */
export class OptionsError extends Error {
  override readonly name = 'MockWooCommerceOptionsError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`mock-woocommerce option "${field}": ${reason}`);
  }
}

/**
 * The body of every REST error WordPress sends (`WP_REST_Server::error_to_response`):
 * `{ code, message, data: { status, … } }`.
 */
export interface WpErrorBody {
  code: string;
  message: string;
  data: { status: number; [key: string]: unknown };
}

/**
 * A `WP_Error` on its way out: the handlers throw or return it, the server turns it into the
 * answer. Batch endpoints put its body into the item that failed.
 */
export class WpError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly status: number,
    readonly extra: Record<string, unknown> = {},
  ) {}

  get body(): WpErrorBody {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.extra } };
  }
}

/** `rest_no_route`: WordPress's answer for a path or method no route serves. */
export const noRoute = () =>
  new WpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
