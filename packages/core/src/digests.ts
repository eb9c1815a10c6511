import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether two byte strings are equal, in time that does not depend on where they differ.
 * Different lengths are unequal (the length itself is not secret: digests and MACs have a fixed one).
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The SHA-256 digest of a text; what secrets of any length are compared by. */
export const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The SHA-256 of everything a stream yields, as hex (a local file, a remote SFTP file). */
export async function sha256OfStream(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}
