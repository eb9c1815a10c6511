/**
 * Swiss Post's field rules, in one place, with the source of each figure. Tags as in
 * `reference/swiss-post.md`: [V] verified in a Swiss Post manual or developer page,
 * [C] corroborated by third-party client code, [G] our inference (we then choose the stricter
 * reading).
 */

/**
 * Maximum lengths in characters (Unicode code points) from the Barcode web service request tree
 * [V HB-EN §5.3.1]. Recipient fields are 35, sender (`Customer`) fields 25.
 */
export const FIELD_LIMITS = {
  recipient: {
    title: 35,
    firstName: 35,
    name1: 35,
    name2: 35,
    name3: 35,
    addressSuffix: 35,
    street: 35,
    // HB v2.4 says 10; the v2.2 XSD said 5. The current service takes 10.
    houseNo: 10,
    poBox: 35,
    city: 35,
    phone: 20,
    mobile: 20,
    email: 160,
  },
  sender: {
    name1: 25,
    name2: 25,
    street: 25,
    poBox: 25,
    city: 25,
    domicilePostOffice: 35,
  },
  item: {
    itemId: 200,
    freeText: 34,
    additionalDataType: 35,
    additionalDataValue: 50,
    additionalDataEntries: 20,
    /** `Weight` in grams, at most 5 digits [V]. */
    weightGramsMax: 99_999,
    /** `ItemNumber`, at most 8 digits [V]. */
    itemNumberDigits: 8,
    /** A `PRZL` code: 1–10 characters in the v2.4 XSD (`PRIS163021`) [V §Z]. */
    przlCodeLength: 10,
  },
  /** Phone and mobile: 10 to 20 digits, digits and spaces only (E2042) [V]. */
  phoneDigits: { min: 10, max: 20 },
} as const;

/** Characters the Barcode web service refuses in every text field [V XSD22 CommonPatternStringType]. */
export const FORBIDDEN_CHARACTERS = ['*', '\\', '{', '}', '[', ']', '=', '<', '>', '|'] as const;

/** Characters allowed in `ItemID`: A–Z, a–z, 0–9, `_`, `-`, `+` (E2045) [V]. */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_+-]+$/;

/** Liechtenstein's postcodes; Swiss Post treats them as domestic [C STR]. */
export const LIECHTENSTEIN_ZIP_RANGE = { from: 9485, to: 9499 } as const;

/** Swiss postcodes are four digits, 1000–9999 [V STR]. */
export const SWISS_ZIP_RANGE = { from: 1000, to: 9999 } as const;

/**
 * A generous box around Switzerland and Liechtenstein (WGS 84). A pick-up point outside it is a
 * data error: swapped coordinates or a foreign point.
 */
export const DOMESTIC_BOUNDS = { latMin: 45.8, latMax: 47.9, lngMin: 5.9, lngMax: 10.6 } as const;

/**
 * Basic services (DLC/PRZL) for parcels [V HB-DE 2020, DEV]. A parcel carries exactly one.
 * Combination codes (PRISI…) contain their basic service.
 */
export const BASIC_SERVICE_CODES = [
  'ECO',
  'PRI',
  'PPR',
  'SEM',
  'SKB',
  'VL',
  'DIR',
  'DIRECT',
  'GAS',
  'NOTIME_PickupPoint',
  'NOTIME_HomeDelivery',
  'PRISI',
  'PRI0912',
  'DIRSI',
  'VLSI',
  // A 10-character combination code of Priority [V DEV §8.10, §Z].
  'PRIS163021',
] as const;

/**
 * Business reply (`GAS`) is listed as `GAS+…` [V §A1] and valid with Economy or Priority: "GAS,
 * ECO/PRI" [V DEV §8.10, §Z]. No source shows it alone, so the SDK refuses that [G, stricter].
 */
export const BUSINESS_REPLY = { code: 'GAS', with: ['ECO', 'PRI'] } as const;

/** Additional services for parcels [V HB-DE 2020, DEV]. */
export const ADDITIONAL_SERVICE_CODES = [
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

/** Delivery instructions ZAW3211–ZAW3234 [V]. */
export const DELIVERY_INSTRUCTION_CODES = Array.from(
  { length: 3234 - 3211 + 1 },
  (_, index) => `ZAW${3211 + index}`,
);

/**
 * Letter and international codes [V]. They are real PRZL codes, but not for a domestic parcel
 * to a pick-up point, so a parcel that carries one is refused.
 */
export const LETTER_SERVICE_CODES = [
  'RINL',
  'APLUS',
  'DISP',
  'GU',
  'BU',
  'APOST',
  'BPOST',
  'AR',
  'CEC',
  'EAR',
  'RETR',
  'INTL',
] as const;

/**
 * The 4-digit barcode printed for each additional service [V DEV §6.3/6.4]. Each ZAW delivery
 * instruction is its own barcode value: `ZAW3211` → `3211`.
 */
export const ADDITIONAL_SERVICE_BARCODES: Readonly<Record<string, string>> = {
  PRI: '0509',
  SI: '0307',
  AS: '0308',
  SP: '0309',
  FRA: '0310',
  RMP: '0322',
  BLN: '0341',
  MAN: '0421',
  SA: '0543',
  LQ: '0549',
  AZS: '0581',
  COLD: '3781',
};

/** Unlisted PRZL codes must look like the listed ones: 1–10 upper-case letters and digits [V §Z]. */
export const UNLISTED_PRZL_PATTERN = /^[A-Z0-9]{1,10}$/;

/**
 * How many service codes and delivery instructions fit on each label layout [V HB]:
 * PRZL A7 1 / A6 3 / A5 5; ZAW A7 none / A6 2 / A5 4. Address lines: A6 has 8, "6 with 2 ZAW";
 * the two lines are also kept free for a single ZAW code [G], and A5 keeps its 8.
 */
export const LAYOUT_CODE_LIMITS = {
  A5: { przl: 5, zaw: 4, addressLines: 8, addressLinesWithZaw: 8 },
  A6: { przl: 3, zaw: 2, addressLines: 8, addressLinesWithZaw: 6 },
  A7: { przl: 1, zaw: 0, addressLines: 6, addressLinesWithZaw: 6 },
} as const;

/** Address-validation grades of the DCAPI address API, best first [V DEV §5]. */
export const ADDRESS_QUALITY_GRADES = [
  'DOMICILE_CERTIFIED',
  'CERTIFIED',
  'VERIFIED',
  'USABLE',
  'COMPROMISED',
  'FIXED',
  'UNUSABLE',
] as const;

/** The public tracking page many shop integrations link to [C, reference §H]. */
export const DEFAULT_TRACKING_URL_TEMPLATE =
  'https://service.post.ch/ekp-web/ui/entry/search/{identcode}?lang={lang}';
