import { createHash } from 'node:crypto';

/**
 * What a request for a parcel said, part by part (`recipient`, `parcel`, `point`…), as short
 * digests: kept with the parcel, so a repeat with the same order reference can be told from a
 * different order that reuses it, and the parts that differ can be named without keeping or
 * showing the personal data itself.
 */
export type Fingerprint = Readonly<Record<string, string>>;

/** JSON with object keys in order, so equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, part]) => part !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, part]) => `${JSON.stringify(key)}:${canonical(part)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The digest of each part of a request.
 *
 * @example
 * fingerprintOf({ recipient, parcel }).parcel; // 'q3J…'
 */
export function fingerprintOf(parts: Readonly<Record<string, unknown>>): Fingerprint {
  return Object.fromEntries(
    Object.entries(parts).map(([name, part]) => [
      name,
      createHash('sha256').update(canonical(part)).digest('base64url').slice(0, 22),
    ]),
  );
}

/** The parts whose digests differ between two fingerprints (a part only one has counts too). */
export function fingerprintDifferences(first: Fingerprint, second: Fingerprint): string[] {
  const names = new Set([...Object.keys(first), ...Object.keys(second)]);
  return [...names].filter((name) => first[name] !== second[name]).sort();
}
