import type { IntegrationConfigInput, ShipmentInput, Variant } from '@pickpost/core';

/** The demo shop. Its franking licence is Swiss Post's own documentation example. */
export const DEMO_SENDER = {
  name1: 'Velo Shop AG',
  street: 'Wankdorfallee 4',
  zip: '3030',
  city: 'Bern',
  domicilePostOffice: '3011 Bern',
} as const;

export const DEMO_FRANKING_LICENSE = '60013217';

/** Demo-only signing secret; a shop generates its own with `openssl rand -hex 32`. */
const DEMO_SELECTION_SECRET = 'demo-selection-secret-not-for-production-use';

/**
 * One configuration per variant, as a shop would write it. Credentials are placeholders: the
 * demo runs against the mock Post server, never against Swiss Post.
 */
export function demoConfig(variant: Variant, outDir: string): IntegrationConfigInput {
  const post = { clientId: 'demo-shop', clientSecret: 'demo-secret' };
  const dataTransfer = { transport: { type: 'directory' as const, dir: `${outDir}/datatransfer` } };
  const common = {
    variant,
    frankingLicense: DEMO_FRANKING_LICENSE,
    sender: DEMO_SENDER,
    selectionSecret: DEMO_SELECTION_SECRET,
  };
  switch (variant) {
    case 1:
    case 3:
    case '4a':
      return { ...common, post };
    case 2:
      return { ...common, post, dataTransfer };
    case '4b':
      return { ...common, dataTransfer };
  }
}

const AARAU = {
  id: 'demo-5000-pickpost',
  kind: 'pickpost',
  name: 'PickPost Aarau Bahnhof',
  street: 'Bahnhofstrasse',
  houseNo: '67',
  zip: '5000',
  city: 'Aarau',
  lat: 47.3911,
  lng: 8.0512,
} as const;

const LAUSANNE = {
  id: 'demo-1003-mypost24',
  kind: 'mypost24',
  name: 'My Post 24 Lausanne Gare',
  street: 'Place de la Gare',
  houseNo: '1',
  zip: '1003',
  city: 'Lausanne',
  lat: 46.5168,
  lng: 6.6291,
} as const;

const CHLOE = {
  firstName: 'Chloé',
  name1: "D'Alessandro",
  street: 'Avenue de la Gare',
  houseNo: '12',
  zip: '1003',
  city: 'Lausanne',
  mobile: '+41 79 123 45 67',
};

/** A few realistic orders: German and French names, a locker, two parcels of one order. */
export function demoOrders(withPickPostId: boolean): ShipmentInput[] {
  const id = (value: string) => (withPickPostId ? { pickpostId: value } : {});
  return [
    {
      orderRef: '1042',
      recipient: {
        firstName: 'Hans',
        name1: 'Muster',
        street: 'Bellerivestrasse',
        houseNo: '5',
        zip: '8008',
        city: 'Zürich',
        email: 'hans.muster@example.ch',
      },
      pickupPoint: AARAU,
      ...id('12345678'),
      parcel: { weightGrams: 1200, przl: ['PRI'] },
    },
    {
      orderRef: '1043',
      recipient: CHLOE,
      pickupPoint: LAUSANNE,
      ...id('PT011227'),
      parcel: { weightGrams: 650, przl: ['ECO'] },
    },
    {
      orderRef: '1043',
      parcelIndex: 1,
      recipient: CHLOE,
      pickupPoint: LAUSANNE,
      ...id('PT011227'),
      parcel: { weightGrams: 3400, przl: ['ECO', 'SI'] },
    },
  ];
}

/** An order a careless checkout might produce; the demo shows how it is refused. */
export const BROKEN_ORDER = {
  orderRef: '1044',
  recipient: {
    name1: 'Bernhard-Maximilian von Grafenried-Villars',
    zip: '80a1',
    street: 'Bahnhof<strasse',
    city: 'Zürich',
  },
  pickupPoint: AARAU,
  parcel: { weightGrams: 1200, przl: ['PRI'] },
};
