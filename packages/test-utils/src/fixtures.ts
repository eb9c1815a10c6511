/**
 * Sample data the tests of every package share: a customer in Zürich, a PickPost counter in
 * Aarau, the Velo Shop as sender, and one parcel of order 1042 between them. Each test spreads
 * and overrides what it needs; data only one test needs stays in that test.
 *
 * Plain data that imports nothing, on purpose: `@pickpost/test-utils` depends on
 * `@pickpost/core`, so core cannot depend on it (turbo refuses a cyclic workspace graph). Core's
 * own tests reach this file by relative path through `packages/core/test/fixtures.ts`; every
 * other package imports `@pickpost/test-utils/fixtures`.
 */

/** Hans Muster's home address, as a recipient. */
export const HANS_MUSTER = {
  firstName: 'Hans',
  name1: 'Muster',
  street: 'Bellerivestrasse',
  houseNo: '5',
  zip: '8008',
  city: 'Zürich',
};

/**
 * Hans Muster as a customer registering for PickPost at checkout: the PickPost web service also
 * needs a salutation, and the checkout asks for an e-mail address.
 */
export const HANS_MUSTER_CUSTOMER = {
  title: 'Herr',
  ...HANS_MUSTER,
  email: 'hans.muster@example.ch',
};

/** A PickPost counter (type T1) at Aarau station. */
export const AARAU_POINT = {
  id: '5000-T1-01',
  kind: 'pickpost' as const,
  name: 'PickPost Aarau Bahnhof',
  street: 'Bahnhofstrasse',
  houseNo: '67',
  zip: '5000',
  city: 'Aarau',
  lat: 47.3917,
  lng: 8.0513,
};

/** The shop that sends, with the post office its franking licence belongs to. */
export const VELO_SHOP = {
  name1: 'Velo Shop AG',
  street: 'Wankdorfallee 4',
  zip: '3030',
  city: 'Bern',
  domicilePostOffice: '3011 Bern',
};

/** Hans Muster's PickPost user ID, written as customers type it. */
export const HANS_PICKPOST_ID = 'PickPost 12345678';

/** One 1.2 kg Priority parcel of order 1042, for Hans Muster, to the Aarau counter. */
export const ORDER_1042 = {
  orderRef: '1042',
  recipient: HANS_MUSTER,
  pickupPoint: AARAU_POINT,
  pickpostId: HANS_PICKPOST_ID,
  parcel: { weightGrams: 1200, przl: ['PRI'] },
};
