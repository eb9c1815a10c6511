import { hash } from 'node:crypto';

/**
 * What a request for a parcel said, part by part (`recipient`, `parcel`, `point`…), as short
 * digests: kept with the parcel, so a repeat with the same order reference can be told from a
 * different order that reuses it, and the parts that differ can be named without keeping or
 * showing the personal data itself.
 */
export type Fingerprint = Readonly<Record<string, string>>;

/** JSON with object keys in order, so equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      out += (index === 0 ? '' : ',') + canonical(value[index]);
    }
    return `${out}]`;
  }
  if (typeof value === 'object' && value !== null) {
    // Sorted by UTF-16 code units, as `<` compares; keys of undefined values are left out.
    const record = value as Record<string, unknown>;
    let out = '{';
    for (const key of Object.keys(record).sort()) {
      const part = record[key];
      if (part === undefined) continue;
      out += `${out === '{' ? '' : ','}${JSON.stringify(key)}:${canonical(part)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value ?? null);
}

export function fingerprintOf(parts: Readonly<Record<string, unknown>>): Fingerprint {
  return Object.fromEntries(
    Object.entries(parts).map(([name, part]) => [
      name,
      // One-shot hashing (Node ≥ 20.12): a fifth of the cost of a Hash object per part.
      hash('sha256', canonical(part), 'base64url').slice(0, 22),
    ]),
  );
}

/** The parts whose digests differ between two fingerprints (a part only one has counts too). */
export function fingerprintDifferences(first: Fingerprint, second: Fingerprint): string[] {
  const names = new Set([...Object.keys(first), ...Object.keys(second)]);
  return [...names].filter((name) => first[name] !== second[name]).sort();
}
