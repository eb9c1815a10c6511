import type { LabelOptionsInput } from '../schemas/label-options';
import type { Parcel } from '../schemas/parcel';
import type { Sender } from '../schemas/sender';
import type { Shipment } from '../schemas/shipment';

/**
 * A plain domestic address as a label prints it: a person or company, a street address or a
 * P.O. box, postcode and town. `Recipient` and `Sender` values fit it as they are.
 */
export interface LabelAddress {
  title?: string | undefined;
  firstName?: string | undefined;
  name1: string;
  name2?: string | undefined;
  name3?: string | undefined;
  addressSuffix?: string | undefined;
  street?: string | undefined;
  houseNo?: string | undefined;
  poBox?: string | undefined;
  zip: string;
  city: string;
  country?: string | undefined;
}

/**
 * A parcel to a PickPost counter or My Post 24 terminal: the validated shipment (its recipient,
 * pick-up point, PickPost ID when the variant has one, parcel), the identcode allocated for it,
 * and the shop as sender.
 */
export interface ShipmentLabelInput {
  type: 'shipment';
  /** A shipment parsed with `ShipmentSchema`. */
  shipment: Shipment;
  /** The 18-digit parcel identcode (dots and spaces are ignored). */
  identcode: string;
  /** The shop, printed in the sender block. */
  sender: Sender;
}

/**
 * A return parcel: addressed to a plain domestic address (the shop or its returns warehouse),
 * with the customer in the sender block.
 */
export interface ReturnLabelInput {
  type: 'return';
  /** The 18-digit parcel identcode of the return parcel. */
  identcode: string;
  /** Where the parcel goes back to, e.g. the shop's `Sender` value. */
  returnAddress: LabelAddress;
  /** The customer who sends the parcel back, e.g. the shipment's `recipient`. */
  customer: LabelAddress;
  /** The return parcel's service codes (`['ECO']`, `['PRI', 'SI']`…). */
  parcel: Pick<Parcel, 'przl'>;
  /** A free text of up to 34 characters (Swiss Post's `FreeText`). */
  freeText?: string | undefined;
}

/** What one label is made from. */
export type LabelInput = ShipmentLabelInput | ReturnLabelInput;

/** The formats this release draws. */
export type RenderedLabelFormat = 'pdf' | 'zpl' | 'svg';

/** One rendered label file. */
export interface RenderedLabel {
  /** The identcode the label carries (18 digits). */
  identcode: string;
  format: RenderedLabelFormat;
  /** `application/pdf`, `application/zpl` or `image/svg+xml`. */
  mediaType: string;
  /** A file name: `<identcode>.<pdf|zpl|svg>`. */
  fileName: string;
  data: Uint8Array;
}

/** Options of {@link renderLabel}: the label options plus output details. */
export type RenderLabelOptions = LabelOptionsInput & {
  /**
   * Deflate PDF content streams (default `true`). Turning it off makes the PDF readable as text,
   * which tests and debugging use.
   */
  compress?: boolean;
  /**
   * The date printed in the application line (default: now); one per call, so a batch has
   * one date.
   */
  printedAt?: Date;
};

/** Options of {@link renderLabels}. */
export type RenderLabelsOptions = RenderLabelOptions & {
  /**
   * `merged` (default): one stream — a multi-page PDF, or ZPL label formats one after the
   * other. `files`: one {@link RenderedLabel} per input.
   */
  output?: 'merged' | 'files';
};

/** Labels in: an array, any iterable, or an async iterable (a database cursor, a stream). */
export type LabelInputs = Iterable<LabelInput> | AsyncIterable<LabelInput>;
