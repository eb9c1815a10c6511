import type { PostHttp, PostRequest } from './http';
import type { RawPostResponse } from './response-errors';
import type { TokenCache } from './token-cache';

/**
 * Sends an API request with a bearer token for `scope`. When the API answers 401 (the token
 * expired early or was revoked), the token is dropped, a new one fetched, and the request sent
 * once more: a 401 proves the request was not processed, so this is safe even for label
 * requests. A second 401 is returned to the caller, which reports it as an auth error.
 */
export async function sendAuthorised(
  http: PostHttp,
  tokens: TokenCache,
  scope: string,
  request: PostRequest,
): Promise<RawPostResponse> {
  const withToken = (token: string): PostRequest => ({
    ...request,
    headers: { ...request.headers, authorization: `Bearer ${token}` },
  });
  const token = await tokens.get(scope);
  const first = await http.send(withToken(token));
  if (first.status !== 401) return first;
  tokens.invalidate(scope, token);
  return http.send(withToken(await tokens.get(scope)));
}
