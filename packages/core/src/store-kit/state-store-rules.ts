import { PickPostError } from '../errors/index';
import { MAX_STATE_KEY_LENGTH } from '../ports/state-store';

/*
 * The input checks and orderings every StateStore applies, kept in one place so that the memory,
 * SQLite and Postgres stores refuse the same input and list keys in the same order.
 */

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertText(what: string, text: string): void {
  // Postgres cannot store U+0000 in text and UTF-8 cannot encode a lone surrogate (SQLite and
  // Postgres would silently store U+FFFD instead): refusing both everywhere keeps a value that
  // one store accepts readable, unchanged, from every other store.
  if (text.includes(NUL) || LONE_SURROGATE.test(text)) {
    throw new PickPostError(
      'STORE_FAILED',
      `${what} must be well-formed Unicode without U+0000 characters`,
    );
  }
}

/**
 * Checks a key (or counter name, or outbox id): 1 to {@link MAX_STATE_KEY_LENGTH} characters of
 * well-formed Unicode without U+0000. Throws `PickPostError` `STORE_FAILED` otherwise.
 *
 * @example
 * assertStateKey(`order:${orderRef}`);
 */
export function assertStateKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_STATE_KEY_LENGTH) {
    throw new PickPostError(
      'STORE_FAILED',
      `State keys must be 1 to ${MAX_STATE_KEY_LENGTH} characters long`,
    );
  }
  assertText('State keys', key);
}

/**
 * Checks a stored value (or outbox payload, or receipt): any string of well-formed Unicode
 * without U+0000. Throws `PickPostError` `STORE_FAILED` otherwise.
 *
 * @example
 * assertStateValue(JSON.stringify(record));
 */
export function assertStateValue(value: string): void {
  if (typeof value !== 'string') {
    throw new PickPostError('STORE_FAILED', 'State values are strings');
  }
  assertText('State values', value);
}

/**
 * Checks the step of `increment`: a safe whole number of at least 1.
 *
 * @example
 * assertIncrementStep(by);
 */
export function assertIncrementStep(by: number): void {
  if (!Number.isSafeInteger(by) || by < 1) {
    throw new PickPostError('STORE_FAILED', 'A counter grows by a whole number of at least 1');
  }
}

/**
 * Checks the `limit` of `list` (a whole number ≥ 0, or absent) and the options of
 * `outbox.claim` (`limit` a whole number ≥ 1, `leaseMs` a whole number ≥ 1).
 *
 * @example
 * assertClaimOptions({ limit: 50, leaseMs: 60_000 });
 */
export function assertClaimOptions(options: { limit: number; leaseMs: number }): void {
  const { limit, leaseMs } = options;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new PickPostError('STORE_FAILED', 'An outbox claim takes a whole number of items ≥ 1');
  }
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 1) {
    throw new PickPostError('STORE_FAILED', 'An outbox lease lasts a whole number of ms ≥ 1');
  }
}

/** See {@link assertClaimOptions}. */
export function assertListLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new PickPostError('STORE_FAILED', 'A list limit is a whole number ≥ 0');
  }
}

/**
 * Orders keys by Unicode code point, which is the byte order of their UTF-8 form: the order
 * SQLite's BINARY collation and Postgres' `COLLATE "C"` give. JavaScript's `<` compares UTF-16
 * code units and would put U+FFFD after U+1F600, unlike the databases.
 *
 * @example
 * keys.sort(compareStateKeys);
 */
export function compareStateKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left !== right) return codePointRank(left) - codePointRank(right);
  }
  return a.length - b.length;
}

// UTF-16 code-unit order equals code-point order except that surrogates (U+D800–U+DFFF, which
// encode U+10000 and up) sort below U+E000–U+FFFF. Moving the surrogates above U+FFFF fixes that.
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

const MAX_CODE_POINT = 0x10ffff;
const SURROGATES_START = 0xd800;
const SURROGATES_END = 0xdfff;

/**
 * The smallest string greater than every string that starts with `prefix`, in
 * {@link compareStateKeys} order, or `undefined` when there is none (an empty prefix, or one of
 * only U+10FFFF). Stores turn `list(prefix)` into the indexable range
 * `key >= prefix AND key < keyPrefixEnd(prefix)` instead of a LIKE that needs escaping.
 *
 * @example
 * keyPrefixEnd('order:') // 'order;'
 */
export function keyPrefixEnd(prefix: string): string | undefined {
  const codePoints = [...prefix].map((char) => char.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? 0;
    if (last < MAX_CODE_POINT) {
      const next = last + 1 === SURROGATES_START ? SURROGATES_END + 1 : last + 1;
      return String.fromCodePoint(...codePoints, next);
    }
  }
  return undefined;
}
