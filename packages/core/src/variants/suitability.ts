import type { Parcel } from '../schemas/parcel';
import type { PickupPoint } from '../schemas/pickup-point';

/** The heaviest parcel Swiss Post carries as a PostPac, in grams [G: widely published 30 kg]. */
export const MAX_PARCEL_GRAMS = 30_000;

/**
 * Services a My Post 24 terminal cannot take [G: the reference lists no rules; a locker
 * compartment cannot hold bulky goods (SP) and nobody is there to collect cash (BLN) or hand
 * over goods needing a signature or special care (SI, LQ, COLD)]. Stricter rather than a parcel
 * the terminal refuses.
 */
export const NOT_AT_TERMINALS: readonly string[] = ['SP', 'BLN', 'SI', 'LQ', 'COLD'];

/** Why a point cannot take a parcel, or `undefined` when it can. */
export function unsuitableBecause(
  point: PickupPoint,
  parcel: Parcel | undefined,
): string | undefined {
  if (parcel === undefined) return undefined;
  if (parcel.weightGrams > MAX_PARCEL_GRAMS) {
    return `the parcel weighs ${parcel.weightGrams} g; pick-up points take parcels up to ${MAX_PARCEL_GRAMS} g`;
  }
  if (point.kind === 'mypost24') {
    const refused = parcel.przl.filter((code) => NOT_AT_TERMINALS.includes(code));
    if (refused.length > 0) {
      return `a My Post 24 terminal cannot take parcels with ${refused.join(', ')}; choose a PickPost counter`;
    }
  }
  return undefined;
}
