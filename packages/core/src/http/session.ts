import { createHmac, randomBytes } from 'node:crypto';
import { equalBytes } from '../digests';
import type { CheckoutRequest } from './exchange';

const COOKIE = 'pickpost_session';

/**
 * An anonymous checkout session in a signed cookie: the default "shop customer" of the public
 * routes when the platform does not name a logged-in customer. The browser cannot choose it, so
 * it cannot ask for another customer's remembered PickPost ID.
 */
export function createSessionCookies(options: {
  /** The instance's session-cookie key (`sessionKeyOf`). */
  key: Buffer;
  path: string;
  maxAgeSeconds?: number;
}) {
  const { key } = options;
  const sign = (id: string) => createHmac('sha256', key).update(id).digest('base64url');
  const maxAge = options.maxAgeSeconds ?? 30 * 24 * 3600;

  return {
    /** The session id from the request's cookie, if present and correctly signed. */
    read(request: CheckoutRequest): string | undefined {
      const header = request.header('cookie') ?? '';
      const value = header
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith(`${COOKIE}=`))
        ?.slice(COOKIE.length + 1);
      const [id, signature] = (value ?? '').split('.');
      if (id === undefined || signature === undefined || !/^[A-Za-z0-9_-]{16,64}$/.test(id))
        return undefined;
      return equalBytes(Buffer.from(sign(id)), Buffer.from(signature)) ? id : undefined;
    },
    /** A new session id and the `Set-Cookie` header that stores it. */
    create(request: CheckoutRequest): { id: string; header: string } {
      const id = randomBytes(18).toString('base64url');
      const secure = request.url.protocol === 'https:' ? '; Secure' : '';
      return {
        id,
        header: `${COOKIE}=${id}.${sign(id)}; Path=${options.path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`,
      };
    },
  };
}
