/** A seeded source of numbers in [0, 1), so faults, keys and generated orders repeat per seed. */
export type Random = () => number;

/**
 * A small seeded generator (SplitMix32): statistically fine for spreading faults and making test
 * data, and the same sequence for the same seed on every run.
 *
 * @example
 * const random = createSeededRandom(7);
 * random(); // the same number on every run
 */
export function createSeededRandom(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 0x1_0000_0000;
  };
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * `wp_generate_password`-like: `length` characters from the alphabet (letters and digits, plus
 * WordPress's special characters when `special`).
 *
 * @example
 * randomString(createSeededRandom(1), 13); // 13 letters and digits
 */
export function randomString(random: Random, length: number, special = false): string {
  const alphabet = special ? `${ALPHANUMERIC}!@#$%^&*()-_ []{}<>~\`+=,.;:/?|` : ALPHANUMERIC;
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** An integer from `min` to `max`, both included. */
export const randomInt = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));
