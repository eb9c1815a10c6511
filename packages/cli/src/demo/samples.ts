import type { IntegrationConfigInput, RecipientInput, Variant } from '@pickpost/core';
import { VARIANTS } from '@pickpost/core';
import type { PostService } from '@pickpost/core/post';

/** The demo shop. */
export const DEMO_SENDER = {
  name1: 'Velo Shop AG',
  street: 'Wankdorfallee 4',
  zip: '3030',
  city: 'Bern',
  domicilePostOffice: '3011 Bern',
} as const;

/** One of the franking licences the mock Post server's demo client may use. */
export const DEMO_FRANKING_LICENSE = '60013217';

/** Demo-only signing secret; a shop generates its own with `openssl rand -hex 32`. */
const DEMO_SELECTION_SECRET = 'demo-selection-secret-not-for-production-use';

/**
 * One configuration per variant, as a shop would write it, pointed at the mock Post server.
 * The credentials are the mock's demo client; nothing reaches Swiss Post.
 */
export function demoConfig(
  variant: Variant,
  outDir: string,
  baseUrls: Record<PostService, string>,
): IntegrationConfigInput {
  const post = { clientId: 'demo-shop', clientSecret: 'demo-secret', baseUrls };
  const dataTransfer = { transport: { type: 'directory' as const, dir: `${outDir}/datatransfer` } };
  // Every configuration shares the licence, so each draws its item numbers from its own range,
  // as two systems shipping under one licence must.
  const block = VARIANTS.indexOf(variant) + 1;
  const common = {
    variant,
    frankingLicense: DEMO_FRANKING_LICENSE,
    sender: DEMO_SENDER,
    selectionSecret: DEMO_SELECTION_SECRET,
    itemNumbers: { from: block * 100_000, to: block * 100_000 + 99_999 },
  };
  switch (variant) {
    case 1:
    case 3:
    case '4a':
      return { ...common, post };
    case 2:
      return { ...common, post, dataTransfer };
    case '4b':
      // No credentials: variant 4b only searches points, at the keyless location service.
      return { ...common, post: { baseUrls }, dataTransfer };
  }
}

/** A customer of the demo shop and what they order. */
export interface DemoCustomer {
  customerRef: string;
  orderRef: string;
  parcelIndex?: number;
  person: RecipientInput & { firstName: string; name1: string };
  /** Where the checkout searches pick-up points. */
  searchZip: string;
  pointKind: 'pickpost' | 'mypost24';
  weightGrams: number;
  przl: string[];
}

const CHLOE = {
  title: 'Madame',
  firstName: 'Chloé',
  name1: "D'Alessandro",
  street: 'Avenue de la Gare',
  houseNo: '12',
  zip: '1003',
  city: 'Lausanne',
  mobile: '+41 79 123 45 67',
};

/**
 * Realistic orders: German, French and Italian names, a PickPost counter, a My Post 24
 * terminal, two parcels of one order.
 */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    customerRef: 'customer-1',
    orderRef: '1042',
    person: {
      title: 'Herr',
      firstName: 'Hans',
      name1: 'Muster',
      street: 'Bellerivestrasse',
      houseNo: '5',
      zip: '8008',
      city: 'Zürich',
      email: 'hans.muster@example.ch',
    },
    searchZip: '8008',
    pointKind: 'pickpost',
    weightGrams: 1200,
    przl: ['PRI'],
  },
  {
    customerRef: 'customer-2',
    orderRef: '1043',
    person: CHLOE,
    searchZip: '1003',
    pointKind: 'mypost24',
    weightGrams: 650,
    przl: ['ECO'],
  },
  {
    customerRef: 'customer-2',
    orderRef: '1043',
    parcelIndex: 1,
    person: CHLOE,
    searchZip: '1003',
    pointKind: 'mypost24',
    weightGrams: 3400,
    przl: ['ECO'],
  },
  {
    customerRef: 'customer-3',
    orderRef: '1044',
    person: {
      title: 'Signora',
      firstName: 'Giulia',
      name1: 'Bernasconi',
      street: 'Via Nassa',
      houseNo: '21',
      zip: '6900',
      city: 'Lugano',
      email: 'giulia.bernasconi@example.ch',
    },
    searchZip: '6900',
    pointKind: 'pickpost',
    weightGrams: 2100,
    przl: ['PRI', 'SI'],
  },
];

/** An order a careless checkout might produce; the demo shows how it is refused. */
export const BROKEN_ORDER = {
  orderRef: '1045',
  recipient: {
    name1: 'Bernhard-Maximilian von Grafenried-Villars',
    zip: '80a1',
    street: 'Bahnhof<strasse',
    city: 'Zürich',
  },
  pickupPoint: {
    id: 'demo-5000-pickpost',
    kind: 'pickpost',
    name: 'PickPost Aarau Bahnhof',
    street: 'Bahnhofstrasse',
    houseNo: '67',
    zip: '5000',
    city: 'Aarau',
    lat: 47.3911,
    lng: 8.0512,
  },
  parcel: { weightGrams: 1200, przl: ['PRI'] },
};
