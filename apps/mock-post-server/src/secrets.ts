import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret someone gave with the expected one in constant time. Both are hashed first,
 * so neither the time taken nor an early length check tells how long the expected secret is.
 *
 * @example
 * sameSecret(form.get('client_secret') ?? '', client.clientSecret);
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
