// WordPress runs on PHP, and several behaviours a client can observe (how a query string becomes
// `$_GET`, how the OAuth signature is normalised, how JSON is escaped) are PHP's, not JavaScript's.
// This module reproduces exactly those pieces.

/** A request parameter as PHP's `$_GET` / `$_POST` hold it: a string, or an array of them. */
export type PhpValue = string | PhpArray;
export interface PhpArray {
  [key: string]: PhpValue;
}

const HEX = '0123456789ABCDEF';

function percentDecode(text: string, plusIsSpace: boolean): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x2b && plusIsSpace) {
      bytes.push(0x20);
    } else if (char === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(text[i] ?? '', 'utf8')) bytes.push(byte);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * PHP's `urldecode`: `+` is a space, `%XX` a byte, a broken escape stays as it is.
 *
 * @example
 * phpUrlDecode('a+b%2Bc'); // 'a b+c'
 */
export const phpUrlDecode = (text: string) => percentDecode(text, true);

/**
 * PHP's `rawurldecode`: like {@link phpUrlDecode} but `+` stays a plus.
 *
 * @example
 * rawUrlDecode('a+b%2F'); // 'a+b/'
 */
export const rawUrlDecode = (text: string) => percentDecode(text, false);

/**
 * PHP's `rawurlencode` (RFC 3986): every byte but `A-Z a-z 0-9 - _ . ~` as `%XX`.
 *
 * @example
 * rawUrlEncode('a b/c'); // 'a%20b%2Fc'
 */
export function rawUrlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const unreserved =
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      byte === 0x2d ||
      byte === 0x2e ||
      byte === 0x5f ||
      byte === 0x7e;
    out += unreserved
      ? String.fromCharCode(byte)
      : `%${HEX[byte >> 4] ?? ''}${HEX[byte & 15] ?? ''}`;
  }
  return out;
}

function nextIndex(array: PhpArray): string {
  let next = 0;
  for (const key of Object.keys(array)) {
    if (/^(0|[1-9]\d*)$/.test(key)) next = Math.max(next, Number(key) + 1);
  }
  return String(next);
}

/** Where one `name=value` pair lands, as `php_register_variable_ex` does it. */
function assign(target: PhpArray, rawName: string, value: string): void {
  const name = rawName.replace(/^ +/, '');
  const open = name.indexOf('[');
  const closed = open !== -1 && name.indexOf(']', open) !== -1;
  // Spaces and dots in the base name become underscores (so do an unclosed bracket).
  const base = (closed ? name.slice(0, open) : name).replace(/[ .[]/g, '_');
  if (base === '') return;
  const segments: string[] = [];
  if (closed) {
    let i = open;
    while (name[i] === '[') {
      const close = name.indexOf(']', i + 1);
      if (close === -1) break;
      segments.push(name.slice(i + 1, close));
      i = close + 1;
    }
  }
  let container = target;
  let key = base;
  for (const segment of segments) {
    const existing = container[key];
    const child: PhpArray = typeof existing === 'object' ? existing : {};
    container[key] = child;
    container = child;
    key = segment === '' ? nextIndex(child) : segment;
  }
  container[key] = value;
}

/**
 * Parses a query string (or a form body) into what PHP puts in `$_GET` / `$_POST`: `a[]=1&a[]=2`
 * is an array, a repeated plain name keeps its last value, `+` is a space.
 *
 * @example
 * parsePhpQuery('status[]=processing&status[]=on-hold&page=2&page=3');
 * // { status: { 0: 'processing', 1: 'on-hold' }, page: '3' }
 */
export function parsePhpQuery(raw: string): PhpArray {
  const result: PhpArray = {};
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = phpUrlDecode(eq === -1 ? part : part.slice(0, eq));
    assign(result, name, eq === -1 ? '' : phpUrlDecode(part.slice(eq + 1)));
  }
  return result;
}

/**
 * PHP's `empty()`: `''`, `'0'`, `0`, `false`, `null`, an empty array and a missing value.
 *
 * @example
 * phpEmpty('0'); // true
 */
export function phpEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return true;
  if (value === '' || value === '0') return true;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * `wp_json_encode` with WordPress's default flags: `/` is written `\/` and every character
 * outside ASCII as `\uXXXX` (lowercase hex, UTF-16 units). These are the exact bytes a webhook
 * signature covers, so they must match WordPress's, not `JSON.stringify`'s.
 *
 * @example
 * phpJsonEncode({ url: 'https://x/é' }); // '{"url":"https:\\/\\/x\\/\\u00e9"}'
 */
export function phpJsonEncode(value: unknown): string {
  return (JSON.stringify(value) ?? 'null')
    .replace(/\//g, '\\/')
    .replace(
      /[\u0080-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

/**
 * What a value looks like after WordPress stored it as post or comment meta and read it back:
 * scalars become strings (`true` → `'1'`, `false` → `''`, `12` → `'12'`), arrays and objects
 * survive `serialize()` (inner scalars keep their types) but an object whose keys are 0…n-1 comes
 * back as a list and an empty object as `[]`.
 *
 * @example
 * metaRoundTrip(12); // '12'
 * metaRoundTrip({}); // []
 */
export function metaRoundTrip(value: unknown): unknown {
  if (value === true) return '1';
  if (value === false) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
  return serializeRoundTrip(value);
}

function serializeRoundTrip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(serializeRoundTrip);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([key], index) => key === String(index))) {
      return entries.map(([, inner]) => serializeRoundTrip(inner));
    }
    return Object.fromEntries(entries.map(([key, inner]) => [key, serializeRoundTrip(inner)]));
  }
  return value;
}
