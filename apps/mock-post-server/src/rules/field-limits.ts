/**
 * The simulated Post's own field limits, written from `reference/swiss-post.md` and not taken
 * from the SDK, so that a wrong limit in the SDK meets a Post that disagrees. Tags as in the
 * reference: [V] a Swiss Post manual or developer page, [C] third-party clients or recorded
 * traffic, [G] our reading (then the stricter one). Keys the SDK also has carry the SDK's names,
 * so `test/rule-tables.test.ts` can compare the two tables field by field.
 */

/**
 * Maximum lengths in characters, from the `GenerateLabel` request tree [V HB-EN §5.3.1,
 * reference §A1]: recipient elements 35, sender (`Customer`) elements 25.
 */
export const MOCK_FIELD_LIMITS = {
  recipient: {
    postIdent: 15,
    title: 35,
    firstName: 35,
    name1: 35,
    name2: 35,
    name3: 35,
    addressSuffix: 35,
    street: 35,
    // HB v2.4 says 10, the v2.2 XSD 5 [V §A1]; the service of today takes the manual's 10.
    houseNo: 10,
    poBox: 35,
    floorNo: 5,
    zip: 10,
    city: 35,
    country: 2,
    phone: 20,
    mobile: 20,
    email: 160,
    labelLine: 35,
  },
  sender: {
    name1: 25,
    name2: 25,
    street: 25,
    poBox: 25,
    // `ZIP(≤6 digits)` [V §A1].
    zip: 6,
    city: 25,
    country: 2,
    domicilePostOffice: 35,
  },
  item: {
    itemId: 200,
    freeText: 34,
    deliveryPlace: 35,
    additionalDataType: 35,
    additionalDataValue: 50,
    additionalDataEntries: 20,
    /** `Weight` in grams, 0–99,999: at most 5 digits [V §A1, §Z]. */
    weightGramsMax: 99_999,
    /** `ItemNumber` is a string `[0-9]{1,8}` [V VEKKON, XSD; §Z]. */
    itemNumberDigits: 8,
    /** `PRZL` of 1–10 characters in the v2.4 XSD (`PRIS163021`) [V DEV §8.10, XSD; §Z]. */
    przlCodeLength: 10,
  },
  /** Phone and mobile: 10 to 20 digits, digits and spaces only, else E2042 [V §A1]. */
  phoneDigits: { min: 10, max: 20 },
} as const;
