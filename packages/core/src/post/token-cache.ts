import * as z from 'zod';
import { isPostApiError, PostAuthError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { PostHttp } from './http';
import { parsePostSuccess } from './parse-response';

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'must be Bearer'),
  expires_in: z.coerce.number().positive(),
});

export interface TokenCache {
  /** A valid access token for `scope`, from the cache or from one shared token request. */
  get(scope: string): Promise<string>;
  /** Forgets `token` for `scope` (after an API refused it), unless a newer one replaced it. */
  invalidate(scope: string, token: string): void;
}

/**
 * Swiss Post's token endpoint answers a request without a scope with 503 and an empty body,
 * not with OAuth2's 400 `invalid_scope` [C OCA recording `test_token_error.yaml`; reference
 * §Z], so a 503 that stays after the retries, with nothing in its body, most likely means the
 * scope: an empty one configured, or one Swiss Post does not know for this client. Reported as
 * a refusal naming the scope, not as an outage (which would also make fulfilment fall back).
 */
function scopeRefusal(error: unknown, scope: string): PostAuthError | undefined {
  if (!isPostApiError(error) || error.status !== 503 || error.postMessage !== undefined) return;
  const asked =
    scope.trim() === '' ? 'no scope (the configured scope is empty)' : `scope "${scope}"`;
  return new PostAuthError({
    status: 503,
    refused: 'token request',
    reason:
      `the token endpoint kept answering 503 with an empty body to a request for ${asked}; ` +
      'that is what Swiss Post answers when the scope is missing or unknown to it, so check the ' +
      'scope configured for this service and that your account holds it (a real outage would ' +
      'look the same, but is the less likely reading)',
    cause: error,
  });
}

/** Splits `https://api.post.ch/OAuth/token` into a base URL and a last path segment. */
export function splitUrl(url: string): { baseUrl: string; path: string } {
  const cut = url.lastIndexOf('/');
  return { baseUrl: url.slice(0, cut), path: url.slice(cut + 1) };
}

/**
 * OAuth2 client-credentials tokens per scope. Swiss Post's tokens can live only 60 s, so a
 * token counts as expired a margin before its end (a quarter of its life, at most 10 s), and
 * all callers that need a token while one is being fetched share that one request.
 */
export function createTokenCache(options: {
  http: PostHttp;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  /** Told about every token, so logs can redact it. */
  onToken?: (token: string) => void;
}): TokenCache {
  const tokens = new Map<string, { token: string; usableUntil: number }>();
  const pending = new Map<string, Promise<string>>();
  const { baseUrl, path } = splitUrl(options.tokenUrl);

  async function fetchToken(scope: string): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope,
    });
    const raw = await options.http
      .send({ service: 'token', baseUrl, path, method: 'POST', form, idempotent: true })
      .catch((error: unknown) => {
        throw scopeRefusal(error, scope) ?? error;
      });
    // A refused grant (invalid_scope, invalid_grant…) comes as a 400; it is an auth failure too.
    if (raw.status === 400) {
      const body = raw.body as { error?: unknown; error_description?: unknown } | undefined;
      const reason = [body?.error, body?.error_description]
        .filter((part) => typeof part === 'string')
        .join(': ');
      throw new PostAuthError({ status: raw.status, ...(reason === '' ? {} : { reason }) });
    }
    const parsed = parsePostSuccess(TokenResponseSchema, raw);
    const lifetimeMs = parsed.expires_in * 1000;
    const marginMs = Math.min(10_000, lifetimeMs / 4);
    tokens.set(scope, {
      token: parsed.access_token,
      usableUntil: options.clock.now() + lifetimeMs - marginMs,
    });
    options.onToken?.(parsed.access_token);
    return parsed.access_token;
  }

  return {
    get(scope) {
      const cached = tokens.get(scope);
      if (cached !== undefined && options.clock.now() < cached.usableUntil)
        return Promise.resolve(cached.token);
      let request = pending.get(scope);
      if (request === undefined) {
        request = fetchToken(scope).finally(() => pending.delete(scope));
        pending.set(scope, request);
      }
      return request;
    },
    invalidate(scope, token) {
      if (tokens.get(scope)?.token === token) tokens.delete(scope);
    },
  };
}
