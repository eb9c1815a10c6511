/**
 * The service codes (DLC/PRZL) the simulated Post knows, written from reference §A1 and §Z
 * [V HB-DE 2020, DEV §8.10] rather than taken from the SDK. How the service picks its E1000 /
 * E1001 / E1015 is not documented beyond the codes' meanings (§Z), so which combination gets
 * which code below is our reading [G] where it says so.
 */

/** Basic services for parcels [V §A1]. A parcel has exactly one (but see {@link BASIC_PAIRS}). */
export const MOCK_BASIC_SERVICES = [
  'ECO',
  'PRI',
  'PPR',
  'SEM',
  'SKB',
  'VL',
  'DIR',
  // HB-EN's spelling of DIR [V §A1].
  'DIRECT',
  // Business reply: listed as `GAS+…` [V §A1], valid with ECO or PRI [V DEV §8.10, §Z].
  'GAS',
  'NOTIME_PickupPoint',
  'NOTIME_HomeDelivery',
] as const;

/**
 * Two basic services that form one valid combination: "GAS, ECO/PRI" [V DEV §8.10, §Z]. GAS
 * alone is refused (E1000) because the sources only ever show it with a partner [G, stricter].
 */
export const BASIC_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['GAS', 'ECO'],
  ['GAS', 'PRI'],
];

/** Basic services that are valid only inside one of {@link BASIC_PAIRS}. */
export const PAIRED_ONLY_BASIC_SERVICES: readonly string[] = ['GAS'];

/**
 * Combination codes: one code for a basic service with additional services [V §A1: PRISI,
 * PRI0912, DIRSI, VLSI, …; §Z: PRIS163021, 10 characters]. What each holds besides its basic
 * service is read from the name (`SI` in PRISI, the 09–12 window in PRI0912) [G]; for
 * PRIS163021 only the basic service is evident.
 */
export const MOCK_COMBINATION_CODES: Readonly<
  Record<string, { basic: string; includes: readonly string[] }>
> = {
  PRISI: { basic: 'PRI', includes: ['SI'] },
  PRI0912: { basic: 'PRI', includes: ['ZFZ0912'] },
  DIRSI: { basic: 'DIR', includes: ['SI'] },
  VLSI: { basic: 'VL', includes: ['SI'] },
  PRIS163021: { basic: 'PRI', includes: [] },
};

/** Additional services for parcels [V §A1; SP from DEV §6.3, its 4-digit barcode 0309]. */
export const MOCK_ADDITIONAL_SERVICES = [
  'SP',
  'FRA',
  'MAN',
  'RMP',
  'SI',
  'AS',
  'COLD',
  'BLN',
  'LQ',
  'AMB',
  'DLOG',
  'SA',
  'AZS',
  'ZFZ0912',
  'ZFZ1114',
  'ZFZ1217',
  'ZF16302100',
] as const;

/**
 * Additional services that combine with some basic services only. Bulky goods is listed as
 * "SP+ECO / SP+PRI" [V §A1]; with any other basic service it is refused (E1001) [G, stricter].
 */
export const RESTRICTED_ADDITIONAL_SERVICES: Readonly<Record<string, readonly string[]>> = {
  SP: ['ECO', 'PRI'],
};

/** Delivery instructions ZAW3211–ZAW3234 [V §A1]. */
export const MOCK_DELIVERY_INSTRUCTIONS: readonly string[] = Array.from(
  { length: 3234 - 3211 + 1 },
  (_, index) => `ZAW${3211 + index}`,
);

/** The delivery instruction a recipient phone number is for: without it, W2005 [V §Z]. */
export const PHONE_DELIVERY_INSTRUCTION = 'ZAW3213';

/**
 * Letter services [V §A1]: basic services of letters with barcode (domestic and international)
 * and their additional services. Real codes, but not for parcels.
 */
export const MOCK_LETTER_BASIC_SERVICES = [
  'RINL',
  'APLUS',
  'DISP',
  'GU',
  'BU',
  'APOST',
  'BPOST',
  'RETR',
  'INTL',
] as const;
export const MOCK_LETTER_ADDITIONAL_SERVICES = ['AR', 'BLN', 'CEC', 'RMP', 'eAR'] as const;

/** What the simulated Post knows a code as. */
export type ServiceKind =
  | { kind: 'basic'; basic: string; includes: readonly string[] }
  | { kind: 'additional' }
  | { kind: 'instruction' }
  | { kind: 'letter-basic' }
  | { kind: 'letter-additional' };

const KINDS = new Map<string, ServiceKind>([
  ...MOCK_LETTER_ADDITIONAL_SERVICES.map((code): [string, ServiceKind] => [
    code,
    { kind: 'letter-additional' },
  ]),
  ...MOCK_LETTER_BASIC_SERVICES.map((code): [string, ServiceKind] => [
    code,
    { kind: 'letter-basic' },
  ]),
  ...MOCK_DELIVERY_INSTRUCTIONS.map((code): [string, ServiceKind] => [
    code,
    { kind: 'instruction' },
  ]),
  // After the letter codes: BLN and RMP are parcel services too.
  ...MOCK_ADDITIONAL_SERVICES.map((code): [string, ServiceKind] => [code, { kind: 'additional' }]),
  ...MOCK_BASIC_SERVICES.map((code): [string, ServiceKind] => [
    code,
    { kind: 'basic', basic: code, includes: [] },
  ]),
  ...Object.entries(MOCK_COMBINATION_CODES).map(([code, parts]): [string, ServiceKind] => [
    code,
    { kind: 'basic', ...parts },
  ]),
]);

/** What `code` is to the simulated Post, or `undefined` for a code it does not know. */
export function serviceKind(code: string): ServiceKind | undefined {
  return KINDS.get(code);
}
