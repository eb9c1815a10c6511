/** `pickpost` is a PickPost counter, `mypost24` a My Post 24 parcel terminal. */
export type PointKind = 'pickpost' | 'mypost24';

/** The weekdays of `openingHours`, Monday first. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** One opening interval, `HH:MM` to `HH:MM`; `24:00` closes a day. */
export interface OpeningInterval {
  from: string;
  to: string;
}

/**
 * A pick-up point as `GET {endpoint}/points` returns it. Kept here rather than imported from
 * `@pickpost/core` so the widget stays free of runtime and type dependencies.
 */
export interface PickupPoint {
  id: string;
  kind: PointKind;
  name: string;
  street: string;
  houseNo?: string;
  zip: string;
  city: string;
  lat: number;
  lng: number;
  /** Metres from the searched place; present in search results. */
  distanceMeters?: number;
  /** Intervals per weekday; a missing day is closed, a missing object unknown. */
  openingHours?: Partial<Record<Weekday, OpeningInterval[]>>;
  /** Live status of a search, Swiss time: open until `HH:MM`. */
  openUntil?: string;
  /** Live status of a search, Swiss time: closed now, opening again at `HH:MM` today. */
  openAgain?: string;
}

/** The integration variant the shop runs: 1–3 need a PickPost user ID, 4a/4b none. */
export type Variant = '1' | '2' | '3' | '4a' | '4b';

/** The languages the widget speaks. */
export type Lang = 'de' | 'fr' | 'it' | 'en';

/** A confirmed choice: what the server signed, the point and the customer's PickPost ID. */
export interface PointSelection {
  /** The opaque signed token the shop stores on the order and checks on the server. */
  selection: string;
  point: PickupPoint;
  /** The PickPost user ID (variants 1–3), `null` in variant 4. */
  pickpostId: string | null;
  /** When the server stops accepting `selection` (ISO 8601), if it said. */
  expiresAt?: string;
}

/** `detail` of the `pickpost:select` event. */
export interface PickPostSelectDetail {
  selection: string;
  point: PickupPoint;
  pickpostId: string | null;
}

/** Why a selection was cleared. */
export type ClearReason = 'api' | 'shipping-method' | 'point-change' | 'expired';

/** `detail` of the `pickpost:clear` event. */
export interface PickPostClearDetail {
  reason: ClearReason;
}

/** A registration as `POST {endpoint}/customers` takes it. */
export interface CustomerInput {
  title: string;
  firstName: string;
  name1: string;
  street: string;
  houseNo: string;
  zip: string;
  city: string;
  email?: string;
  mobile?: string;
}
