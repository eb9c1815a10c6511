// Who a request is, as WooCommerce decides it (woocommerce/woocommerce:
// plugins/woocommerce/includes/class-wc-rest-authentication.php): Basic or query-string keys
// over HTTPS, one-legged OAuth 1.0a otherwise, then the key's read/write permission.
import { WpError } from './errors';
import type { NonceLedger } from './oauth';
import { checkSignature, checkTimestampAndNonce, collectOAuthParameters, safeEqual } from './oauth';
import type { PhpArray } from './php';
import { phpEmpty } from './php';

export type KeyPermissions = 'read' | 'write' | 'read_write';

/** A REST API key as WooCommerce → Settings → Advanced → REST API creates one. */
export interface ConsumerKey {
  /** `ck_…` */
  consumerKey: string;
  /** `cs_…`; never appears in the simulator's records or errors. */
  consumerSecret: string;
  permissions: KeyPermissions;
  /** The WordPress user the key belongs to (see `USERS`); default 1, the shop manager. */
  userId?: number;
  description?: string;
}

/** How a request authenticated: Basic header, `consumer_key` query, OAuth 1.0a, or not at all. */
export type AuthKind = 'basic' | 'query' | 'oauth1' | 'none';

export interface AuthResult {
  kind: AuthKind;
  key?: ConsumerKey | undefined;
  /** Set when the credentials were wrong: the request fails with it before any route runs. */
  error?: WpError | undefined;
}

export interface AuthRequest {
  /** HTTPS, or Basic allowed over HTTP by the `basicAuthOverHttp` option. */
  basicAllowed: boolean;
  method: string;
  query: PhpArray;
  /** `$_POST`: a form-encoded POST body, else empty. */
  form: PhpArray;
  authorization: string | undefined;
  /** The URL OAuth signs: the shop's home URL (with this request's scheme) plus the path. */
  oauthBaseUrl: string;
  nowSeconds: number;
}

const authError = (message: string) =>
  new WpError('woocommerce_rest_authentication_error', message, 401);

function basicCredentials(
  request: AuthRequest,
): { key: string; secret: string; kind: AuthKind } | undefined {
  const { consumer_key: key, consumer_secret: secret } = request.query;
  // Query-string keys win over the header.
  if (
    !phpEmpty(key) &&
    !phpEmpty(secret) &&
    typeof key === 'string' &&
    typeof secret === 'string'
  ) {
    return { key, secret, kind: 'query' };
  }
  const header = request.authorization;
  if (header === undefined || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1), kind: 'basic' };
}

/**
 * Authenticates a request against the shop's keys, in WooCommerce's order: Basic (HTTPS only),
 * then OAuth. An unknown key over Basic is not an error (the request is just anonymous and the
 * route answers 401 `woocommerce_rest_cannot_view`); a wrong secret or a bad signature is.
 * A Basic failure's error stays even if OAuth then succeeds, as in WooCommerce.
 */
export function authenticate(
  request: AuthRequest,
  findKey: (consumerKey: string) => ConsumerKey | undefined,
  nonces: (key: ConsumerKey) => NonceLedger,
): AuthResult {
  let error: WpError | undefined;
  if (request.basicAllowed) {
    const credentials = basicCredentials(request);
    if (credentials !== undefined) {
      const key = findKey(credentials.key);
      if (key !== undefined) {
        if (safeEqual(key.consumerSecret, credentials.secret))
          return { kind: credentials.kind, key };
        error = authError('Consumer secret is invalid.');
      }
    }
  }
  const oauth = collectOAuthParameters(request.query, request.form, request.authorization);
  if (oauth.kind === 'none') return { kind: 'none', error };
  if (oauth.kind === 'missing') {
    const message = `Missing OAuth parameter${oauth.names.length > 1 ? 's' : ''} ${oauth.names.join(', ')}`;
    return {
      kind: 'oauth1',
      error: new WpError('woocommerce_rest_authentication_missing_parameter', message, 401),
    };
  }
  const { params } = oauth;
  const key = findKey(String(params.oauth_consumer_key));
  if (key === undefined) return { kind: 'oauth1', error: authError('Consumer key is invalid.') };
  const signature = checkSignature(
    request.method,
    request.oauthBaseUrl,
    params,
    key.consumerSecret,
  );
  if (!signature.ok) return { kind: 'oauth1', error: authError(signature.message) };
  const replay = checkTimestampAndNonce(
    nonces(key),
    String(params.oauth_timestamp),
    String(params.oauth_nonce),
    request.nowSeconds,
  );
  if (!replay.ok) return { kind: 'oauth1', error: authError(replay.message) };
  return { kind: 'oauth1', key, error };
}

/**
 * `check_permissions`: a read key may GET and HEAD, a write key may POST, PUT, PATCH and DELETE,
 * OPTIONS is always allowed. Runs before the route is even matched.
 */
export function checkKeyPermissions(key: ConsumerKey, method: string): WpError | undefined {
  const canRead = key.permissions === 'read' || key.permissions === 'read_write';
  const canWrite = key.permissions === 'write' || key.permissions === 'read_write';
  switch (method) {
    case 'GET':
    case 'HEAD':
      return canRead
        ? undefined
        : authError('The API key provided does not have read permissions.');
    case 'POST':
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      return canWrite
        ? undefined
        : authError('The API key provided does not have write permissions.');
    case 'OPTIONS':
      return undefined;
    default:
      return authError('Unknown request method.');
  }
}
