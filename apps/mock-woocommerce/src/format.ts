// Small formatting rules WooCommerce applies to every answer.
import type { StoreZone } from './dates';
import { formatWall } from './dates';

/**
 * `wc_format_decimal( $value, $dp )`: rounded half away from zero and padded to `dp` decimals,
 * as a string (WooCommerce money is always a string in REST answers).
 *
 * @example
 * formatDecimal(10, 2); // '10.00'
 * formatDecimal(2.675, 2); // '2.68'
 */
export function formatDecimal(value: number, dp: number): string {
  const factor = 10 ** dp;
  // The small nudge reproduces PHP's pre-rounding: 2.675 is 2.67499… in binary but rounds up.
  const rounded = Math.round(Math.abs(value) * factor + 1e-9) / factor;
  const text = rounded.toFixed(dp);
  return value < 0 && rounded !== 0 ? `-${text}` : text;
}

/**
 * A decimal string or number as WooCommerce stores it (`wc_format_decimal` without `dp`);
 * anything unreadable is 0.
 */
export function parseDecimal(value: unknown): number {
  const number =
    typeof value === 'number' ? value : Number.parseFloat(String(value ?? '').replace(',', '.'));
  return Number.isFinite(number) ? number : 0;
}

/** The pair of fields WooCommerce writes for each date: local wall time and GMT, or two nulls. */
export function datePair(zone: StoreZone, utcMs: number | null): [string | null, string | null] {
  if (utcMs === null) return [null, null];
  return [formatWall(zone.toLocal(utcMs)), formatWall(utcMs)];
}

/** A `_links` entry: WordPress writes every relation as a list of `{ href }`. */
export const link = (href: string) => [{ href }];
