import { readJsonBody } from './body';

/**
 * A request as the checkout handler reads it: what a platform adapter hands over without
 * building a fetch `Request` first (a cached point search costs less than building one), and
 * what a fetch `Request` is turned into.
 */
export interface CheckoutRequest {
  readonly method: string;
  /** The full URL; the handler reads its path and query. */
  readonly url: URL;
  /** A request header (lower-case name), or `null`. */
  header(name: string): string | null;
  /**
   * The JSON object body, refused beyond `limitBytes` (`BodyTooLargeError`) or when it is no
   * JSON object (`MalformedBodyError`).
   */
  jsonBody(limitBytes: number): Promise<Record<string, unknown>>;
  /** The same request as a fetch `Request`, for the shop's `customerRef` callback. */
  toFetchRequest(): Request;
}

/** An answer of the checkout handler, before it becomes a `Response` or a platform's reply. */
export interface CheckoutAnswer {
  status: number;
  headers: Record<string, string>;
  /** `Set-Cookie` values, one each. */
  cookies?: readonly string[];
  body: string | Uint8Array | ReadableStream<Uint8Array> | null;
}

/**
 * A fetch `Request` as a {@link CheckoutRequest}.
 *
 * @example
 * const answer = await handler.answer(fromFetchRequest(request));
 */
export function fromFetchRequest(request: Request): CheckoutRequest {
  let url: URL | undefined;
  return {
    method: request.method,
    get url() {
      url ??= new URL(request.url);
      return url;
    },
    header: (name) => request.headers.get(name),
    jsonBody: (limitBytes) => readJsonBody(request, limitBytes),
    toFetchRequest: () => request,
  };
}

/**
 * A {@link CheckoutAnswer} as a fetch `Response`.
 *
 * @example
 * return toResponse(await handler.answer(fromFetchRequest(request)));
 */
export function toResponse(answer: CheckoutAnswer): Response {
  const headers = new Headers(answer.headers);
  for (const cookie of answer.cookies ?? []) headers.append('set-cookie', cookie);
  return new Response(answer.body as BodyInit | null, { status: answer.status, headers });
}
