/**
 * Sample data shared by core's tests: a customer in Zürich, a PickPost counter in Aarau, the
 * Velo Shop as sender, and one parcel of order 1042 between them. Each test spreads and
 * overrides what it needs.
 */
export const HANS_MUSTER = {
  firstName: 'Hans',
  name1: 'Muster',
  street: 'Bellerivestrasse',
  houseNo: '5',
  zip: '8008',
  city: 'Zürich',
};

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

export const VELO_SHOP = {
  name1: 'Velo Shop AG',
  street: 'Wankdorfallee 4',
  zip: '3030',
  city: 'Bern',
  domicilePostOffice: '3011 Bern',
};

export const ORDER_1042 = {
  orderRef: '1042',
  recipient: HANS_MUSTER,
  pickupPoint: AARAU_POINT,
  pickpostId: 'PickPost 12345678',
  parcel: { weightGrams: 1200, przl: ['PRI'] },
};
