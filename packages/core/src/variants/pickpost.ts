import type { FlushReport } from '../datatransfer/outbox';
import type { DataTransferReports } from '../datatransfer/reports/fetch-reports';
import type { ReportSource } from '../datatransfer/reports/report-source';
import type { DataTransferTransport } from '../datatransfer/transport';
import type { BarcodeOptions, RenderedBarcode } from '../labels/barcode';
import type { LabelInput } from '../labels/types';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { StateStore } from '../ports/state-store';
import type { PickupPointSearchHit } from '../post/location-mapping';
import type { PointSearchQuery } from '../post/locations';
import type { PostClient } from '../post/post-client';
import type { PickPostCustomer } from '../schemas/customer';
import type { LabelOptions } from '../schemas/label-options';
import type { ParcelInput } from '../schemas/parcel';
import type { PickupPoint } from '../schemas/pickup-point';
import type { RecipientInput } from '../schemas/recipient';
import type { AdditionalData } from '../schemas/shipment';
import type { Variant, VariantPlan } from '../schemas/variants';
import type { ManyOutcome } from './many';
import type { SelectionPayload } from './selection';

/** The ports and clients a PickPost instance works with. */
export interface PickPostDependencies {
  /**
   * Durable state: item numbers, idempotency records, PickPost IDs per customer, the
   * DataTransfer outbox. `@pickpost/store-sqlite` on one machine, `@pickpost/store-postgres` for
   * several instances; the in-memory store only for tests.
   */
  store: StateStore;
  /** A Swiss Post client; by default one made from `config.post`. */
  post?: PostClient;
  /** Where DataTransfer files go; by default the transport in `config.dataTransfer`. */
  transport?: DataTransferTransport;
  /** Where DataTransfer reports come from; by default the one `config.dataTransfer.reports` names. */
  reportSource?: ReportSource;
  clock?: Clock;
  logger?: Logger;
  /** How long point searches are cached (default 10 minutes). */
  pointsCacheTtlMs?: number;
  /**
   * How long a parcel being made by the Barcode web service is held for the process making it
   * without a heartbeat (default 15 s; renewed every third of it while the call runs): after a
   * crash, a retry takes it over once this has passed.
   */
  operationLeaseMs?: number;
}

/** How Swiss Post learns about a parcel. */
export type Transmission = 'barcode-webservice' | 'datatransfer' | 'none';

/** A label file. */
export interface LabelFile {
  format: 'pdf' | 'zpl' | 'svg' | 'png';
  mediaType: string;
  fileName: string;
  data: Uint8Array;
}

/** What `fulfil` and `createReturn` produce, and what the store keeps of it. */
export interface FulfilResult {
  kind: 'shipment' | 'return';
  orderRef: string;
  parcelIndex: number;
  identcode: string;
  itemNumber: number;
  trackingUrl: string;
  label: LabelFile;
  /** How Swiss Post learns about the parcel. */
  transmission: Transmission;
  /** True when the Barcode web service was unavailable and the fallback made the label. */
  fallback: boolean;
  point?: PickupPoint | undefined;
  pickpostId?: string | undefined;
  createdAt: string;
  /** What the label shows, kept so labels can be drawn again (reprints, merged sheets). */
  labelInput: LabelInput;
  /** The identcode barcode alone, for the shop's own documents, when `barcode` asked for it. */
  barcode?: RenderedBarcode | undefined;
}

/**
 * A parcel whose identcode the shop's own shipping system printed and which asked for no
 * label: everything of {@link FulfilResult} but the label (which `findByIdentcode`,
 * `bulkLabels` or a repeat with `label: true` still draw).
 */
export type FulfilResultWithoutLabel = Omit<FulfilResult, 'label'> & { label?: undefined };

/** The barcode a result carries for the shop's own documents (see `renderBarcode`). */
export type FulfilBarcodeOptions = Omit<BarcodeOptions, 'services'> & {
  /** Print the parcel's service codes beside it, with their barcodes (default: no). */
  services?: boolean;
};

/** A shop order handed over for fulfilment. */
export interface FulfilOrder {
  orderRef: string | number;
  /** Which parcel of the order (0 for the first). */
  parcelIndex?: number;
  /** The signed selection the checkout stored on the order. */
  selection: string;
  /** The customer the selection was made for; must match when the selection carries a PickPost ID. */
  customerRef?: string;
  /** The customer, with their own address. */
  recipient: RecipientInput;
  /** Weight and services; services default to `config.defaultPrzl`. */
  parcel: { weightGrams: number; przl?: string[] };
  freeText?: string;
  additionalData?: AdditionalData[];
  /**
   * An identcode the shop's own shipping system already printed (variants 2, 3 and 4b): it is
   * checked (18 digits, `99`, this franking licence, an item number in `itemNumbers`, unused
   * within the reuse window), recorded so that the SDK never issues it, and used instead of
   * one allocated here. No label is drawn unless `label: true`.
   */
  identcode?: string;
  /** Draw the label (self-generated variants). Default: yes, unless `identcode` is given. */
  label?: boolean;
  /** Also give the identcode barcode alone, for a delivery note or invoice. */
  barcode?: FulfilBarcodeOptions;
}

/** How `bulkLabels` lays out labels drawn here (default: the configured label options). */
export interface BulkLabelOptions {
  /** `a4`: four A6 labels to a page; `label`: one label a page. */
  sheet?: 'label' | 'a4';
  /** On an A4 sheet, where the first label goes (1 top left … 4 bottom right). */
  startPosition?: number;
  /**
   * Called as each label is taken into the file (`done` counts it), while the stream is read:
   * for progress on a terminal.
   */
  onLabel?: (done: number, total: number) => void;
}

/** A return parcel: the customer sends it back to the shop's return address. */
export interface ReturnOrder {
  orderRef: string | number;
  parcelIndex?: number;
  /** The customer who sends the parcel back. */
  customer: RecipientInput;
  parcel: { weightGrams: number; przl?: string[] };
}

/** Which parcel: an order's shipment (the default) or return, and its index (default 0). */
export interface ParcelRef {
  orderRef: string | number;
  parcelIndex?: number;
  kind?: 'shipment' | 'return';
}

/** What cancelling a parcel did, and what remains for the shop to do. */
export interface CancelResult {
  identcode?: string | undefined;
  /**
   * `withdrawn`: its DataTransfer record was still waiting and is gone; `too-late`: Swiss Post
   * has the shipment data (the parcel must not be posted); `nothing-sent`: variant 3 sent none;
   * `not-found`: no parcel was made for this reference.
   */
  outcome: 'withdrawn' | 'too-late' | 'nothing-sent' | 'not-found';
  /** What happened and what to do, in words for the shop's staff. */
  message: string;
  cancelledAt?: string | undefined;
}

/** A merged label file, streamed. */
export interface LabelStream {
  mediaType: string;
  fileName: string;
  stream: AsyncIterable<Uint8Array>;
}

/** What `checkout.selectPoint` returns: the token to store on the order, and what it says. */
export interface PointSelection {
  /** The signed selection: store it on the order or cart and hand it to `fulfil`. */
  selection: string;
  point: PickupPoint;
  pickpostId: string | undefined;
  /** When the selection stops being accepted (ISO 8601). */
  expiresAt: string;
}

/** The checkout side of a PickPost shop: points, customer numbers, the customer's choice. */
export interface PickPostCheckout {
  /**
   * PickPost counters and My Post 24 terminals near a postcode, town or coordinates, nearest
   * first; answers are cached per normalised query.
   *
   * @example
   * const points = await pickpost.checkout.findPoints({ zip: '8001', kinds: ['mypost24'] });
   */
  findPoints(query: PointSearchQuery): Promise<PickupPointSearchHit[]>;

  /**
   * One point with its opening hours, cached for an hour (for showing it; `selectPoint` asks
   * Swiss Post again). `undefined` when Swiss Post does not know it.
   *
   * @example
   * const point = await pickpost.checkout.getPoint('8001-T1-0', { lang: 'fr' });
   */
  getPoint(
    id: string,
    options?: { lang?: 'de' | 'fr' | 'it' | 'en' },
  ): Promise<PickupPoint | undefined>;

  /**
   * How the point-search cache is doing.
   *
   * @example
   * const { hits, misses, size } = pickpost.checkout.pointsCacheStats();
   */
  pointsCacheStats(): { hits: number; misses: number; size: number };

  /**
   * The PickPost customer number of a shop customer (variants 1–3): remembered in the store,
   * otherwise obtained from the PickPost web service, which registers the person if needed.
   * A returning customer is never registered twice.
   *
   * @example
   * const { pickpostId } = await pickpost.checkout.registerCustomer(person, { customerRef: 'c-17' });
   */
  registerCustomer(
    person: RecipientInput,
    options: {
      customerRef: string;
      service?: 'pickpost' | 'mypost24';
      gender?: 'MALE' | 'FEMALE';
      lang?: 'de' | 'fr' | 'it' | 'en';
    },
  ): Promise<PickPostCustomer>;

  /**
   * The PickPost customer remembered for a shop customer, if any.
   *
   * @example
   * const known = await pickpost.checkout.findCustomer('c-17');
   */
  findCustomer(customerRef: string): Promise<PickPostCustomer | undefined>;

  /**
   * Checks the chosen point again (it exists, it takes the parcel) and returns a signed,
   * expiring, tamper-evident selection for the shop to store on the order, with a snapshot of
   * the point.
   *
   * @example
   * const { selection } = await pickpost.checkout.selectPoint({ pointId, customerRef: 'c-17' });
   */
  selectPoint(input: {
    pointId: string;
    pickpostId?: string;
    customerRef: string;
    parcel?: ParcelInput;
    lang?: 'de' | 'fr' | 'it' | 'en';
  }): Promise<PointSelection>;

  /**
   * Reads a selection back, refusing an altered (`SELECTION_INVALID`) or expired
   * (`SELECTION_EXPIRED`) one.
   *
   * @example
   * const { point, pickpostId } = pickpost.checkout.verifySelection(order.selection);
   */
  verifySelection(selection: string): SelectionPayload;
}

/** Shipments waiting for, in, and through DataTransfer. */
export interface DataTransferCounts {
  pending: number;
  claimed: number;
  delivered: number;
}

/**
 * A shop's PickPost integration, made by `createPickPost`: the checkout, fulfilment and returns,
 * reprints and merged labels, and DataTransfer delivery, in the Swiss Post variant the
 * configuration names. Holds no configuration secret.
 */
export interface PickPost {
  /** The Swiss Post variant this instance runs. */
  readonly variant: Variant;
  /** What the variant does at each step (which web services, who makes labels, shipment data). */
  readonly plan: VariantPlan;
  /** The label options in force (layout, format, resolution…), defaults filled in. */
  readonly labelOptions: LabelOptions;
  /** Points, customer numbers and the signed selection. */
  readonly checkout: PickPostCheckout;

  /**
   * Makes the parcel of an order: its identcode, label and tracking link, and tells Swiss Post
   * as the variant does (Barcode web service, DataTransfer outbox, or not at all). Idempotent on
   * `orderRef` + `parcelIndex`: a repeat, also concurrent or after a crash, returns the same
   * identcode and label and never takes a second item number.
   *
   * @example
   * const { identcode, label, trackingUrl } = await pickpost.fulfil({
   *   orderRef: '1042', selection, customerRef: 'c-17', recipient, parcel: { weightGrams: 1200 },
   * });
   */
  fulfil(
    order: FulfilOrder & ({ identcode: string; label?: false } | { label: false }),
  ): Promise<FulfilResultWithoutLabel>;
  /** The usual call: makes the parcel and its label file (the signature above returns no label). */
  fulfil(order: FulfilOrder): Promise<FulfilResult>;

  /**
   * `fulfil` for many orders: `concurrency` at a time (default 16), their durable writes
   * grouped into shared commits, each outcome yielded in input order as soon as it is known (a
   * failed order is an outcome with its error, not the end of the run). For bulk labels and
   * the adapters' sync jobs.
   *
   * @example
   * for await (const outcome of pickpost.fulfilMany(orders, { concurrency: 32 })) {
   *   if (outcome.ok) await print(outcome.result.label); else await note(outcome.input, outcome.error);
   * }
   */
  fulfilMany(
    orders: Iterable<FulfilOrder> | AsyncIterable<FulfilOrder>,
    options?: { concurrency?: number },
  ): AsyncIterable<ManyOutcome<FulfilOrder, FulfilResult | FulfilResultWithoutLabel>>;

  /**
   * A return label addressed to the shop's return address, idempotent like `fulfil`.
   *
   * @example
   * const { label } = await pickpost.createReturn({ orderRef: '1042', customer, parcel: { weightGrams: 900 } });
   */
  createReturn(order: ReturnOrder): Promise<FulfilResult>;

  /**
   * Cancels a parcel as far as Swiss Post allows: shipment data still in the DataTransfer outbox
   * is withdrawn; otherwise the result says that Swiss Post has the data and the parcel must not
   * be posted. The cancellation is recorded: `fulfil` for the same reference is then refused
   * (`PARCEL_CANCELLED`). Repeating it returns the first result.
   *
   * @example
   * const { outcome, message } = await pickpost.cancel({ orderRef: '1042' });
   */
  cancel(ref: ParcelRef): Promise<CancelResult>;

  /**
   * A parcel made earlier, by its identcode (dots and spaces ignored), for reprints.
   *
   * @example
   * const earlier = await pickpost.findByIdentcode('99.60.013217.00005959');
   */
  findByIdentcode(identcode: string): Promise<FulfilResult | undefined>;

  /**
   * Labels of earlier parcels as one file: a merged PDF (or ZPL one after the other). Labels
   * this SDK drew are drawn again and streamed page by page; labels from the Barcode web
   * service are merged as Swiss Post made them. An unknown identcode is a `NOT_FOUND` error.
   *
   * @example
   * const { stream, mediaType } = await pickpost.bulkLabels(identcodes, { sheet: 'a4', startPosition: 3 });
   */
  bulkLabels(identcodes: readonly string[], options?: BulkLabelOptions): Promise<LabelStream>;

  /**
   * Delivers queued DataTransfer shipments (variants 2 and 4b, and the fallback of 1 and 4a).
   *
   * @example
   * const { delivered, files } = await pickpost.flushDataTransfer();
   */
  flushDataTransfer(options?: { maxPerFile?: number }): Promise<FlushReport>;

  /**
   * Shipments waiting for, in, and through DataTransfer (all zero when the variant uses none).
   *
   * @example
   * const { pending } = await pickpost.dataTransferCounts();
   */
  dataTransferCounts(): Promise<DataTransferCounts>;

  /**
   * Swiss Post's DataTransfer reports back to the shop (3, 7, 11): fetched, stored, mapped to a
   * status per identcode, and handed to `onStatus` handlers (the adapters' order notes).
   *
   * @example
   * pickpost.datatransfer.onStatus((change) => console.log(change.orderRef, change.status));
   * await pickpost.datatransfer.fetchReports();
   */
  readonly datatransfer: DataTransferReports;

  /**
   * The public tracking link of an identcode, from `config.trackingUrlTemplate`.
   *
   * @example
   * pickpost.trackingUrl('996001321700005959', 'fr');
   */
  trackingUrl(identcode: string, lang?: 'de' | 'fr' | 'it' | 'en'): string;
}
