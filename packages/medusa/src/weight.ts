import type { PriceRow } from './options';

/** A cart or order line as Medusa hands it to a provider: only what the weight needs. */
export interface WeighedLine {
  quantity?: unknown;
  variant?: { weight?: unknown } | null;
}

/**
 * The weight of the lines in grams: each variant's `weight` times its quantity. Medusa keeps
 * weights in the shop's own unit and often none at all, so a missing or unreadable weight
 * counts as 0 rather than failing a cart refresh.
 *
 * @example
 * cartGrams([{ quantity: 2, variant: { weight: 600 } }], 'g'); // 1200
 */
export function cartGrams(lines: unknown, unit: 'g' | 'kg'): number {
  if (!Array.isArray(lines)) return 0;
  let grams = 0;
  for (const line of lines as WeighedLine[]) {
    const weight = Number(line?.variant?.weight ?? 0);
    const quantity = Number(line?.quantity ?? 1);
    if (Number.isFinite(weight) && weight > 0 && Number.isFinite(quantity) && quantity > 0) {
      grams += weight * quantity * (unit === 'kg' ? 1000 : 1);
    }
  }
  return Math.round(grams);
}

/**
 * The price of a parcel of `grams` from the table (CHF, major units), or `undefined` when it
 * is heavier than the table's last row.
 *
 * @example
 * priceFor([{ upToGrams: 2000, amount: 7 }, { upToGrams: 10000, amount: 9 }], 2500); // 9
 */
export function priceFor(table: readonly PriceRow[], grams: number): number | undefined {
  return table.find((row) => grams <= row.upToGrams)?.amount;
}
