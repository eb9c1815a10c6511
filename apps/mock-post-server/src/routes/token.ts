import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MockClient } from '../clients';
import type { RouteAnswer } from '../http';
import { json } from '../http';
import { sameSecret } from '../secrets';
import type { MockPostState } from '../state';

function oauthError(status: number, error: string, description: string): RouteAnswer {
  return json(status, { error, error_description: description }, { 'cache-control': 'no-store' });
}

/**
 * A token request without a scope (absent or empty): Swiss Post answered it 503 Service
 * Unavailable with an empty `text/html` body, not an OAuth2 `invalid_scope` [C OCA cassette
 * `test_token_error.yaml`, 2020; §Z]. Checked after the credentials, as the recording had valid
 * ones [G: the order is not recorded].
 */
const NO_SCOPE_ANSWER: RouteAnswer = {
  status: 503,
  headers: { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-cache; private' },
  body: '',
};

interface TokenContext {
  clients: readonly MockClient[];
  state: MockPostState;
  tokenTtlSeconds: number;
  now: number;
}

/**
 * `POST /OAuth/token`: the OAuth2 client-credentials grant as Swiss Post's token endpoint takes
 * it [C OCA, VEKKON]: a form-encoded body with `grant_type=client_credentials`, `client_id`,
 * `client_secret` and a space-separated `scope`. Answers `{ access_token, token_type: "Bearer",
 * expires_in }`; tokens live `tokenTtlSeconds` (60 in the OCA recording). Also returns the
 * `client_id` the body names, refused or not, for the request log.
 */
export function handleToken(
  request: IncomingMessage,
  body: Buffer,
  context: TokenContext,
): { answer: RouteAnswer; clientId?: string } {
  const form = new URLSearchParams(body.toString('utf8'));
  return {
    answer: issueToken(request, form, context),
    clientId: form.get('client_id') ?? undefined,
  };
}

function issueToken(
  request: IncomingMessage,
  form: URLSearchParams,
  context: TokenContext,
): RouteAnswer {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')) {
    return oauthError(400, 'invalid_request', 'The token request must be form-urlencoded');
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported');
  }
  const clientId = form.get('client_id') ?? '';
  const client = context.clients.find((candidate) => candidate.clientId === clientId);
  if (client === undefined || !sameSecret(form.get('client_secret') ?? '', client.clientSecret)) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (requested.length === 0) return NO_SCOPE_ANSWER;
  // A scope the client does not hold: no recording shows the real answer; the OAuth2 one
  // (RFC 6749 §5.2) [G].
  const refused = requested.filter((scope) => !client.scopes.includes(scope));
  if (refused.length > 0) {
    return oauthError(
      400,
      'invalid_scope',
      `Scope not granted to this client: ${refused.join(' ')}`,
    );
  }
  const accessToken = randomBytes(24).toString('base64url');
  context.state.tokens.set(accessToken, {
    clientId,
    scopes: requested,
    expiresAt: context.now + context.tokenTtlSeconds * 1000,
  });
  return json(
    200,
    {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: context.tokenTtlSeconds,
      scope: requested.join(' '),
    },
    { 'cache-control': 'no-store' },
  );
}

export type BearerCheck = { ok: true; client: MockClient } | { ok: false; answer: RouteAnswer };

/**
 * Checks the bearer token of an API request: present, issued here, not expired, carrying the
 * route's scope, and returns the client it was issued to. A missing, unknown or expired token is
 * 401 with `WWW-Authenticate` (so is one whose client the simulator no longer knows); a token
 * without the scope is 403 (RFC 6750).
 */
export function checkBearer(
  request: IncomingMessage,
  scope: string,
  context: {
    clients: readonly MockClient[];
    state: MockPostState;
    now: number;
    expireEarly: boolean;
  },
): BearerCheck {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const unauthorized = (description: string): BearerCheck => ({
    ok: false,
    answer: json(
      401,
      { error: 'invalid_token', error_description: description },
      { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
    ),
  });
  if (match?.[1] === undefined) return unauthorized('The access token is missing');
  const token = context.state.tokens.get(match[1]);
  if (token === undefined) return unauthorized('The access token is invalid');
  if (token.expiresAt <= context.now || context.expireEarly) {
    context.state.tokens.delete(match[1]);
    return unauthorized('The access token expired');
  }
  if (!token.scopes.includes(scope)) {
    return {
      ok: false,
      answer: json(
        403,
        { error: 'insufficient_scope', error_description: `The token lacks the scope ${scope}` },
        { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
      ),
    };
  }
  const client = context.clients.find((candidate) => candidate.clientId === token.clientId);
  if (client === undefined) return unauthorized('The access token is invalid');
  return { ok: true, client };
}
