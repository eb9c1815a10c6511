// One-legged OAuth 1.0a exactly as WooCommerce checks it on plain HTTP
// (woocommerce/woocommerce: plugins/woocommerce/includes/class-wc-rest-authentication.php,
// perform_oauth_authentication, check_oauth_signature, normalize_parameters,
// join_with_equals_sign, check_oauth_timestamp_and_nonce).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PhpArray, PhpValue } from './php';
import { phpEmpty, phpUrlDecode, rawUrlDecode, rawUrlEncode } from './php';

const REQUIRED = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
] as const;

/** The OAuth parameters of a request, or why they are incomplete. */
export type OAuthParameters =
  | { kind: 'none' }
  | { kind: 'missing'; names: string[] }
  | { kind: 'present'; params: PhpArray };

/**
 * `parse_header`: the `oauth_*` pairs of an `Authorization: OAuth …` header (the prefix is
 * case-sensitive; values are url-decoded).
 */
function parseAuthorizationHeader(header: string): PhpArray {
  const params: PhpArray = {};
  if (!header.startsWith('OAuth ')) return params;
  for (const match of header.matchAll(/(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))/g)) {
    const [, name, , quoted, bare] = match;
    if (name !== undefined) params[name] = phpUrlDecode(quoted || bare || '');
  }
  return params;
}

/**
 * `get_oauth_parameters`: `$_GET` and `$_POST` merged, then the header's `oauth_*` pairs on top.
 * Every parameter of the request takes part in the signature, not only the OAuth ones.
 */
export function collectOAuthParameters(
  query: PhpArray,
  form: PhpArray,
  authorization: string | undefined,
): OAuthParameters {
  const params: PhpArray = { ...query, ...form };
  if (authorization !== undefined)
    Object.assign(params, parseAuthorizationHeader(authorization.trim()));
  const missing = REQUIRED.filter((name) => phpEmpty(params[name]));
  if (missing.length === REQUIRED.length) return { kind: 'none' };
  if (missing.length > 0) return { kind: 'missing', names: [...missing] };
  return { kind: 'present', params };
}

function joinWithEqualsSign(params: PhpArray, pieces: string[], prefix = ''): string[] {
  for (const [rawKey, value] of Object.entries(params)) {
    const key = prefix === '' ? rawKey : `${prefix}%5B${rawKey}%5D`;
    if (typeof value === 'object') joinWithEqualsSign(value, pieces, key);
    else pieces.push(rawUrlEncode(`${key}=${value}`));
  }
  return pieces;
}

function encodeValues(value: PhpValue): PhpValue {
  if (typeof value === 'string') return rawUrlEncode(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, encodeValues(inner)]),
  );
}

// PHP's strcmp orders by bytes; for the keys of a query string that is UTF-8 byte order.
const byteCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The string WooCommerce signs: `METHOD&rawurlencode(base URL)&` and the parameters (all but
 * `oauth_signature`), sorted by their raw names, each name and value `rawurlencode`d, joined as
 * `name=value`, encoded once more and joined with `%26`. Nested arrays (`status[0]`) are written
 * `status%5B0%5D`, in their own order.
 *
 * @example
 * signatureBaseString('GET', 'http://127.0.0.1:8080/wp-json/wc/v3/orders', { page: '2' });
 * // 'GET&http%3A%2F%2F127.0.0.1%3A8080%2Fwp-json%2Fwc%2Fv3%2Forders&page%3D2'
 */
export function signatureBaseString(method: string, baseUrl: string, params: PhpArray): string {
  const sorted = Object.keys(params)
    .filter((key) => key !== 'oauth_signature')
    .sort(byteCompare);
  const normalized: PhpArray = {};
  for (const key of sorted) normalized[rawUrlEncode(key)] = encodeValues(params[key] as PhpValue);
  return `${method.toUpperCase()}&${rawUrlEncode(baseUrl)}&${joinWithEqualsSign(normalized, []).join('%26')}`;
}

/** `hash_equals`: compares two strings in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Why a signature was refused, with WooCommerce's own message. */
export type SignatureCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks `oauth_signature` against `base64(HMAC(consumer_secret + '&', base string))`, in
 * constant time. Only HMAC-SHA1 and HMAC-SHA256 exist.
 */
export function checkSignature(
  method: string,
  baseUrl: string,
  params: PhpArray,
  consumerSecret: string,
): SignatureCheck {
  const provided = rawUrlDecode(String(params.oauth_signature).replace(/ /g, '+'));
  const base = signatureBaseString(method, baseUrl, params);
  const signatureMethod = params.oauth_signature_method;
  if (signatureMethod !== 'HMAC-SHA1' && signatureMethod !== 'HMAC-SHA256') {
    return { ok: false, message: 'Invalid signature - signature method is invalid.' };
  }
  const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const expected = createHmac(algorithm, `${consumerSecret}&`).update(base).digest('base64');
  if (!safeEqual(expected, provided)) {
    return { ok: false, message: 'Invalid signature - provided signature does not match.' };
  }
  return { ok: true };
}

/** Nonces one consumer key used, with the timestamps they came with. */
export type NonceLedger = Map<string, number>;

/** WooCommerce's window for `oauth_timestamp`, and for how long a nonce stays used. */
export const OAUTH_WINDOW_SECONDS = 15 * 60;

/**
 * `check_oauth_timestamp_and_nonce`: the timestamp within 15 minutes of the shop's clock, the
 * nonce not used in the last 15 minutes by this key. WooCommerce keys its nonce list by
 * timestamp, so two requests in the same second forget the first nonce; the simulator remembers
 * every nonce instead (the stricter reading).
 */
export function checkTimestampAndNonce(
  ledger: NonceLedger,
  timestamp: string,
  nonce: string,
  nowSeconds: number,
): SignatureCheck {
  const stamp = Number(timestamp);
  if (
    !Number.isFinite(stamp) ||
    stamp < nowSeconds - OAUTH_WINDOW_SECONDS ||
    stamp > nowSeconds + OAUTH_WINDOW_SECONDS
  ) {
    return { ok: false, message: 'Invalid timestamp.' };
  }
  for (const [used, at] of ledger) if (at < nowSeconds - OAUTH_WINDOW_SECONDS) ledger.delete(used);
  if (ledger.has(nonce)) {
    return { ok: false, message: 'Invalid nonce - nonce has already been used.' };
  }
  ledger.set(nonce, stamp);
  return { ok: true };
}
