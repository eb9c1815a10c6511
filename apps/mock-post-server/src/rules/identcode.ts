/**
 * The parcel identcode the Post gives an item [V HB-EN p.8, reference §B]: `99`, the 8-digit
 * franking licence, the item number in 8 digits; no check digit. Spelt out here rather than
 * taken from the SDK, so that a mistake in the SDK's formatter cannot pass the simulator.
 *
 * @example
 * parcelIdentcode('60013217', 5959); // '996001321700005959'
 */
export function parcelIdentcode(frankingLicense: string, itemNumber: number): string {
  return `99${frankingLicense}${String(itemNumber).padStart(8, '0')}`;
}

/**
 * The printed form of a parcel identcode, `99.60.013217.00005959` [V reference §B:
 * `99.LL.NNNNNN.SSSSSSSS`].
 *
 * @example
 * printedIdentcode('996001321700005959'); // '99.60.013217.00005959'
 */
export function printedIdentcode(identcode: string): string {
  return [
    identcode.slice(0, 2),
    identcode.slice(2, 4),
    identcode.slice(4, 10),
    identcode.slice(10),
  ].join('.');
}
