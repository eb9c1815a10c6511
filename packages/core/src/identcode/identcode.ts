import { PickPostError } from '../errors/index';

/**
 * An identcode is wrong: its length, a non-digit, its `99` parcel prefix, or a licence part that
 * is not the expected franking licence.
 */
export class IdentcodeError extends PickPostError {
  override name = 'IdentcodeError' as const;
  /** Which rule the identcode broke. */
  readonly reason: 'length' | 'digits' | 'prefix' | 'licence' | 'item-number';

  constructor(reason: IdentcodeError['reason'], message: string) {
    super('IDENTCODE_INVALID', message);
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

/** The parts of an 18-digit parcel identcode `99.LL.NNNNNN.SSSSSSSS` [V HB-EN p.8]. */
export interface IdentcodeParts {
  /** `99`: a parcel. */
  prefix: '99';
  /** The 8-digit franking licence, e.g. `60013217`. */
  frankingLicense: string;
  /**
   * The item number, unique per licence within 30 days (90 for pick@home). Swiss Post hands out
   * and accepts 1–99,999,999 (0 is refused with E2011); an identcode read from elsewhere may
   * still carry 0.
   */
  itemNumber: number;
}

const EIGHT_DIGITS = /^\d{8}$/;

/**
 * Throws {@link IdentcodeError} (`reason: 'licence'`) unless `frankingLicense` is the 8-digit
 * licence a parcel identcode embeds.
 *
 * @example
 * assertParcelLicence('60013217');
 */
export function assertParcelLicence(frankingLicense: string): void {
  if (typeof frankingLicense !== 'string' || !EIGHT_DIGITS.test(frankingLicense)) {
    throw new IdentcodeError(
      'licence',
      'A parcel identcode needs an 8-digit numeric franking licence (4-character licences cannot form one)',
    );
  }
}

/**
 * The 18-digit parcel identcode for a franking licence and item number: `99`, the licence (8
 * digits) and the item number (8 digits, zero-padded). There is no check digit; the barcode's
 * Code 128 checksum protects it [V HB].
 *
 * @example
 * formatIdentcode({ frankingLicense: '60013217', itemNumber: 5959 }) // '996001321700005959'
 */
export function formatIdentcode({
  frankingLicense,
  itemNumber,
}: {
  frankingLicense: string;
  itemNumber: number;
}): string {
  assertParcelLicence(frankingLicense);
  if (!Number.isInteger(itemNumber) || itemNumber < 0 || itemNumber > 99_999_999) {
    throw new IdentcodeError('item-number', 'An item number is a whole number of at most 8 digits');
  }
  return `99${frankingLicense}${String(itemNumber).padStart(8, '0')}`;
}

/**
 * Splits an identcode into its parts. Dots and spaces of the printed form are ignored. When
 * `expectedLicense` is given, the licence part must match it (Swiss Post's rule: "second and
 * third part = licence").
 *
 * @example
 * parseIdentcode('99.60.013217.00005959') // { prefix: '99', frankingLicense: '60013217', itemNumber: 5959 }
 */
export function parseIdentcode(
  code: string,
  options: { expectedLicense?: string } = {},
): IdentcodeParts {
  const digits = String(code).replace(/[\s.]/g, '');
  if (!/^\d*$/.test(digits)) {
    throw new IdentcodeError('digits', 'An identcode holds digits only');
  }
  if (digits.length !== 18) {
    throw new IdentcodeError('length', `An identcode has 18 digits, this one has ${digits.length}`);
  }
  if (!digits.startsWith('99')) {
    throw new IdentcodeError('prefix', 'A parcel identcode starts with 99');
  }
  const frankingLicense = digits.slice(2, 10);
  if (options.expectedLicense !== undefined && frankingLicense !== options.expectedLicense) {
    throw new IdentcodeError(
      'licence',
      `The identcode's licence part ${frankingLicense} is not the franking licence ${options.expectedLicense}`,
    );
  }
  return { prefix: '99', frankingLicense, itemNumber: Number(digits.slice(10)) };
}

/**
 * The printed form of an identcode: `99.60.013217.00005959`.
 *
 * @example
 * humanIdentcode('996001321700005959') // '99.60.013217.00005959'
 */
export function humanIdentcode(code: string): string {
  const { frankingLicense, itemNumber } = parseIdentcode(code);
  const item = String(itemNumber).padStart(8, '0');
  return `99.${frankingLicense.slice(0, 2)}.${frankingLicense.slice(2)}.${item}`;
}
