import { directoryTransport } from '../datatransfer/directory-transport';
import { returnDataTransferItem } from '../datatransfer/item';
import type { FlushReport } from '../datatransfer/outbox';
import { createDataTransferOutbox } from '../datatransfer/outbox';
import { sftpTransport } from '../datatransfer/sftp-transport';
import type { DataTransferTransport } from '../datatransfer/transport';
import {
  ConfigError,
  isPostApiError,
  isPostNetworkError,
  isPostTimeoutError,
  PickPostError,
  PickPostValidationError,
} from '../errors/index';
import { formatIdentcode } from '../identcode/identcode';
import type { ItemNumberAllocator } from '../identcode/item-number-allocator';
import { createItemNumberAllocator } from '../identcode/item-number-allocator';
import { isLabelRenderError } from '../labels/label-render-error';
import { assertRenderable, LABEL_MEDIA_TYPES, renderLabel, renderLabels } from '../labels/render';
import type { LabelInput } from '../labels/types';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import type { StateStore } from '../ports/state-store';
import type { BarcodeLabel } from '../post/barcode';
import type { PickupPointSearchHit } from '../post/location-mapping';
import type { PointSearchQuery } from '../post/locations';
import type { PostClient, PostClientOptions } from '../post/post-client';
import { createPostClient } from '../post/post-client';
import type { PickPostCustomer } from '../schemas/customer';
import { PickPostCustomerSchema, PickPostIdSchema } from '../schemas/customer';
import type { IntegrationConfig, IntegrationConfigInput } from '../schemas/integration-config';
import type { LabelOptions } from '../schemas/label-options';
import { LabelOptionsSchema } from '../schemas/label-options';
import type { Parcel, ParcelInput } from '../schemas/parcel';
import { ParcelSchema } from '../schemas/parcel';
import type { PickupPoint } from '../schemas/pickup-point';
import type { RecipientInput } from '../schemas/recipient';
import { RecipientSchema } from '../schemas/recipient';
import type { Sender } from '../schemas/sender';
import type { AdditionalData, Shipment } from '../schemas/shipment';
import { ShipmentSchema } from '../schemas/shipment';
import { parseIntegrationConfig, validate } from '../schemas/validate';
import type { VariantPlan } from '../schemas/variants';
import { VARIANT_PLANS } from '../schemas/variants';
import { createTtlCache } from '../ttl-cache';
import type { OperationContext } from './idempotency';
import { createOperationRunner } from './idempotency';
import { recommendVariant } from './recommend';
import { signSelection, verifySelection } from './selection';
import { unsuitableBecause } from './suitability';
import { trackingUrlFrom } from './tracking';

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
  clock?: Clock;
  logger?: Logger;
  /** How long point searches are cached (default 10 minutes). */
  pointsCacheTtlMs?: number;
}

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
}

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
}

export interface ReturnOrder {
  orderRef: string | number;
  parcelIndex?: number;
  /** The customer who sends the parcel back. */
  customer: RecipientInput;
  parcel: { weightGrams: number; przl?: string[] };
}

interface StoredFulfilResult extends Omit<FulfilResult, 'label'> {
  label: Omit<LabelFile, 'data'> & { base64: string };
}

/** A label and the number it carries, however it was made. */
interface MadeLabel {
  identcode: string;
  itemNumber: number;
  label: LabelFile;
}

interface FulfilProgress {
  itemNumber?: number | undefined;
}

const keyPart = (value: string | number) => encodeURIComponent(String(value));
/** Where the operation that made a parcel is found from its identcode. */
const identcodeKey = (identcode: string) => `pickpost:identcode:${identcode}`;

function toStored(result: FulfilResult): StoredFulfilResult {
  const { label, ...rest } = result;
  const { data, ...file } = label;
  return { ...rest, label: { ...file, base64: Buffer.from(data).toString('base64') } };
}

function fromStored(stored: StoredFulfilResult): FulfilResult {
  const { label, ...rest } = stored;
  const { base64, ...file } = label;
  return { ...rest, label: { ...file, data: Buffer.from(base64, 'base64') } };
}

/**
 * Labels as stored, merged: ZPL formats one after the other; PDFs (Swiss Post's own among them,
 * which cannot be drawn again) page by page with pdf-lib.
 */
async function* mergeStoredLabels(
  results: readonly FulfilResult[],
  format: 'pdf' | 'zpl',
): AsyncGenerator<Uint8Array> {
  if (format === 'zpl') {
    for (const result of results) yield result.label.data;
    return;
  }
  const { PDFDocument } = await import('pdf-lib');
  const merged = await PDFDocument.create();
  for (const result of results) {
    if (result.label.format !== 'pdf') {
      throw new PickPostError(
        'LABEL_RENDER_FAILED',
        `The label of ${result.identcode} is ${result.label.format}, not pdf: it cannot go into a merged PDF`,
      );
    }
    const source = await PDFDocument.load(result.label.data);
    for (const page of await merged.copyPages(source, source.getPageIndices()))
      merged.addPage(page);
  }
  // Without object streams (PDF 1.5), so older printer drivers read the file too.
  yield await merged.save({ useObjectStreams: false });
}

/** Failures after which the Barcode web service is unavailable rather than refusing the parcel. */
function isUnavailable(error: unknown): boolean {
  return (
    isPostNetworkError(error) ||
    isPostTimeoutError(error) ||
    (isPostApiError(error) && error.retryable)
  );
}

/** The DataTransfer transport a configuration names, if any. */
export function dataTransferTransport(
  config: IntegrationConfig,
): DataTransferTransport | undefined {
  const transport = config.dataTransfer?.transport;
  if (transport === undefined) return undefined;
  if (transport.type === 'directory') return directoryTransport({ dir: transport.dir });
  return sftpTransport({
    host: transport.host,
    port: transport.port,
    username: transport.username,
    ...(transport.password === undefined ? {} : { password: transport.password }),
    ...(transport.privateKey === undefined ? {} : { privateKey: transport.privateKey }),
    ...(transport.passphrase === undefined ? {} : { passphrase: transport.passphrase }),
    remoteDir: transport.remoteDir,
    hostKeySha256: transport.hostKeySha256,
    timeoutMs: transport.timeoutMs,
  });
}

/**
 * The item-number allocator a configuration uses: its licence, range and reuse window. Anything
 * that takes item numbers for this shop (the SDK's parcels, `pickpost doctor --specimen`) must
 * take them from here, so no number is handed out twice.
 *
 * @example
 * const itemNumber = await itemNumberAllocator(config, store).next();
 */
export function itemNumberAllocator(
  config: IntegrationConfig,
  store: StateStore,
  clock?: Clock,
): ItemNumberAllocator {
  return createItemNumberAllocator({
    store,
    frankingLicense: config.frankingLicense,
    ...(config.itemNumbers === undefined
      ? {}
      : {
          range: { from: config.itemNumbers.from, to: config.itemNumbers.to },
          reuseAfterDays: config.itemNumbers.reuseAfterDays,
        }),
    ...(clock === undefined ? {} : { clock }),
  });
}

/** The Swiss Post client settings of a configuration (no credentials in variant 4b). */
export function postClientOptions(config: IntegrationConfig): PostClientOptions {
  if (config.post === undefined) return {};
  return {
    ...(config.post.clientId === undefined ? {} : { clientId: config.post.clientId }),
    ...(config.post.clientSecret === undefined ? {} : { clientSecret: config.post.clientSecret }),
    ...(config.post.subscriptionKey === undefined
      ? {}
      : { subscriptionKey: config.post.subscriptionKey }),
    ...(config.post.baseUrls === undefined ? {} : { baseUrls: config.post.baseUrls }),
    ...(config.post.scopes === undefined ? {} : { scopes: config.post.scopes }),
    timeoutMs: config.post.timeoutMs,
    ...(config.post.retry === undefined ? {} : { retry: config.post.retry }),
  };
}

/**
 * Label options the local renderer can honour, checked when the instance is made: the renderer's
 * own check, reported as a configuration error on `labels.*`.
 */
function checkLocalLabels(
  plan: VariantPlan,
  config: IntegrationConfig,
  labels: LabelOptions,
): void {
  const rendersLocally = plan.barcode === 'self-generated' || config.fallback !== undefined;
  if (!rendersLocally) return;
  try {
    assertRenderable(labels);
  } catch (error) {
    if (!isLabelRenderError(error)) throw error;
    throw new ConfigError(
      [{ path: `labels.${error.field}`, message: error.detail, code: error.reason }],
      { cause: error },
    );
  }
}

/**
 * The one entry point of the SDK: a shop's PickPost integration in the Swiss Post variant its
 * configuration names. Which Swiss Post services run is decided by `config.variant` alone:
 *
 * | variant | customer number | label | shipment data |
 * |---|---|---|---|
 * | 1 | PickPost web service | Barcode web service | by the Barcode web service |
 * | 2 | PickPost web service | self-generated | DataTransfer |
 * | 3 | PickPost web service | self-generated | none |
 * | 4a | none | Barcode web service | by the Barcode web service |
 * | 4b | none | self-generated | DataTransfer |
 *
 * Every operation is idempotent on the shop's references: repeating `fulfil` for an order and
 * parcel, also concurrently or after a crash, returns the same identcode and label.
 *
 * @example
 * const pickpost = createPickPost(config, { store: createSqliteStateStore({ filename: 'pickpost.db' }) });
 * const points = await pickpost.checkout.findPoints({ zip: '8001' });
 * const { selection } = await pickpost.checkout.selectPoint({ pointId: points[0].id, pickpostId, customerRef: 'c-17' });
 * const { identcode, label, trackingUrl } = await pickpost.fulfil({ orderRef: '1042', selection, customerRef: 'c-17', recipient, parcel: { weightGrams: 1200 } });
 */
export function createPickPost(
  configInput: IntegrationConfigInput,
  dependencies: PickPostDependencies,
) {
  const config = parseIntegrationConfig(configInput);
  if (dependencies?.store === undefined) {
    throw new ConfigError([
      {
        path: 'store',
        message: 'is required: a durable StateStore such as @pickpost/store-sqlite',
        code: 'required',
      },
    ]);
  }
  const { store } = dependencies;
  const plan = VARIANT_PLANS[config.variant];
  const clock = dependencies.clock ?? systemClock;
  const secrets = [config.selectionSecret, config.post?.clientSecret].filter(
    (value): value is string => value !== undefined,
  );
  const logger = createRedactingLogger(dependencies.logger ?? silentLogger, secrets);
  const labels = LabelOptionsSchema.parse(config.labels ?? {});
  checkLocalLabels(plan, config, labels);
  const sender: Sender = config.sender;
  const returnAddress: Sender = config.returns?.address ?? sender;
  const post =
    dependencies.post ?? createPostClient({ ...postClientOptions(config), logger, clock });
  const allocator = itemNumberAllocator(config, store, clock);
  const usesDataTransfer = plan.shipmentData === 'datatransfer' || config.fallback !== undefined;
  const outbox = usesDataTransfer
    ? createDataTransferOutbox({
        store,
        frankingLicense: config.frankingLicense,
        sender,
        clock,
        logger,
      })
    : undefined;
  const transport = dependencies.transport ?? dataTransferTransport(config);
  const runner = createOperationRunner({ store, clock });
  const pointsCache = createTtlCache<PickupPointSearchHit[]>({
    ttlMs: dependencies.pointsCacheTtlMs ?? 10 * 60 * 1000,
    maxEntries: 5_000,
    clock,
  });
  const pointCache = createTtlCache<PickupPoint | undefined>({
    ttlMs: 60 * 60 * 1000,
    maxEntries: 10_000,
    clock,
  });
  const languageOf = (lang?: string) =>
    lang === 'fr' || lang === 'it' || lang === 'en' || lang === 'de' ? lang : config.language;

  const notInVariant = (what: string, why: string) =>
    new PickPostError('NOT_IN_VARIANT', `${what} is not part of variant ${config.variant}: ${why}`);

  function trackingUrl(identcode: string, lang?: 'de' | 'fr' | 'it' | 'en'): string {
    return trackingUrlFrom(config.trackingUrlTemplate, identcode, lang ?? config.language);
  }

  function parcelOf(input: { weightGrams: number; przl?: string[] }, defaults: string[]): Parcel {
    return validate(
      ParcelSchema,
      { weightGrams: input.weightGrams, przl: input.przl ?? defaults } satisfies ParcelInput,
      'parcel',
    );
  }

  /** Renders a label here: self-generated variants, the fallback, and a recovered web service label. */
  async function renderLocally(input: Parameters<typeof renderLabel>[0]): Promise<LabelFile> {
    const format = labels.format === 'png' ? 'pdf' : labels.format;
    const { identcode: _drawn, ...file } = await renderLabel(input, { ...labels, format });
    return file;
  }

  async function nextItemNumber(context: OperationContext<FulfilProgress>): Promise<number> {
    if (context.progress.itemNumber !== undefined) return context.progress.itemNumber;
    const itemNumber = await allocator.next();
    // Written down before any label carries it: no item number is ever used without a record.
    await context.commit({ itemNumber });
    return itemNumber;
  }

  /** A label drawn here on a new item number: self-generated variants and the fallback. */
  async function labelMadeHere(
    context: OperationContext<FulfilProgress>,
    labelInputFor: (identcode: string) => LabelInput,
  ): Promise<MadeLabel> {
    const itemNumber = await nextItemNumber(context);
    const identcode = formatIdentcode({ frankingLicense: config.frankingLicense, itemNumber });
    return { identcode, itemNumber, label: await renderLocally(labelInputFor(identcode)) };
  }

  /**
   * Asks the Barcode web service for a label; on E2016 for a number someone else holds, takes
   * another. `attempts.uncertain` tells the caller, also when this throws, whether an attempt
   * may have registered the parcel at Swiss Post (then no fallback may make a second one). When
   * the answer that carried Swiss Post's image was lost (see `recoveredDuplicate`), the label is
   * drawn here with the same identcode.
   */
  async function labelFromWebService(
    context: OperationContext<FulfilProgress>,
    labelInputFor: (identcode: string) => LabelInput,
    request: (
      itemNumber: number,
      hints: { earlierAttemptMayHaveSucceeded: boolean; onUncertainAttempt: () => void },
    ) => Promise<BarcodeLabel>,
    attempts: { uncertain: boolean } = { uncertain: false },
  ): Promise<MadeLabel> {
    let earlier = context.progress.itemNumber !== undefined;
    attempts.uncertain = earlier;
    for (let attempt = 1; ; attempt += 1) {
      const itemNumber = await nextItemNumber(context);
      let answer: BarcodeLabel;
      try {
        answer = await request(itemNumber, {
          earlierAttemptMayHaveSucceeded: earlier,
          onUncertainAttempt: () => {
            attempts.uncertain = true;
          },
        });
      } catch (error) {
        const taken = isPostApiError(error) && error.postCode === 'E2016';
        if (!taken || attempts.uncertain || attempt >= 3) throw error;
        logger.warn('item number already used at Swiss Post; taking another', { itemNumber });
        await context.commit({ itemNumber: await allocator.next() });
        earlier = false;
        continue;
      }
      const { identcode, itemNumber: used } = answer;
      const label =
        answer.label === undefined
          ? await renderLocally(labelInputFor(identcode))
          : {
              format: answer.labelFormat,
              mediaType: LABEL_MEDIA_TYPES[answer.labelFormat],
              fileName: `${identcode}.${answer.labelFormat}`,
              data: answer.label,
            };
      return { identcode, itemNumber: used, label };
    }
  }

  /** Keeps a made parcel findable by its identcode and gives it its tracking link and date. */
  async function recordResult(
    key: string,
    result: Omit<FulfilResult, 'trackingUrl' | 'createdAt'>,
  ): Promise<StoredFulfilResult> {
    await store.putIfAbsent(identcodeKey(result.identcode), key);
    return toStored({
      ...result,
      trackingUrl: trackingUrl(result.identcode),
      createdAt: new Date(clock.now()).toISOString(),
    });
  }

  function buildShipment(
    order: FulfilOrder,
    point: PickupPoint,
    pickpostId: string | undefined,
  ): Shipment {
    return validate(
      ShipmentSchema,
      {
        orderRef: order.orderRef,
        parcelIndex: order.parcelIndex ?? 0,
        recipient: order.recipient,
        pickupPoint: point,
        ...(pickpostId === undefined ? {} : { pickpostId }),
        parcel: parcelOf(order.parcel, config.defaultPrzl),
        ...(order.freeText === undefined ? {} : { freeText: order.freeText }),
        ...(order.additionalData === undefined ? {} : { additionalData: order.additionalData }),
      },
      'order',
    );
  }

  const customerKey = (customerRef: string) => `pickpost:customer:${keyPart(customerRef)}`;

  async function rememberedCustomer(customerRef: string): Promise<PickPostCustomer | undefined> {
    const stored = await store.get(customerKey(customerRef));
    return stored === undefined
      ? undefined
      : PickPostCustomerSchema.parse(JSON.parse(stored.value));
  }

  const checkout = {
    /**
     * PickPost counters and My Post 24 terminals near a postcode, town or coordinates, nearest
     * first; answers are cached per normalised query.
     */
    async findPoints(query: PointSearchQuery): Promise<PickupPointSearchHit[]> {
      const kinds = [...new Set(query.kinds ?? (['pickpost', 'mypost24'] as const))].sort();
      const where =
        query.zip !== undefined
          ? `zip:${query.zip.trim()}`
          : query.town !== undefined
            ? `town:${query.town.trim().toLowerCase().normalize('NFC')}`
            : `at:${query.lat?.toFixed(3)},${query.lng?.toFixed(3)}`;
      const key = `${where}|${kinds.join(',')}|${query.limit ?? 10}|${query.lang ?? config.language}`;
      return pointsCache.get(key, () =>
        post.locations.search({ ...query, kinds, lang: query.lang ?? config.language }),
      );
    },

    /**
     * One point with its opening hours, cached for an hour (for showing it; `selectPoint` asks
     * Swiss Post again). `undefined` when Swiss Post does not know it.
     */
    async getPoint(
      id: string,
      options: { lang?: 'de' | 'fr' | 'it' | 'en' } = {},
    ): Promise<PickupPoint | undefined> {
      const lang = languageOf(options.lang);
      return pointCache.get(`${lang}|${id}`, () => post.locations.get(id, { lang }));
    },

    /** How the point cache is doing: hits, misses, entries. */
    pointsCacheStats: () => pointsCache.stats(),

    /**
     * The PickPost customer number of a shop customer (variants 1–3): remembered in the store,
     * otherwise obtained from the PickPost web service, which registers the person if needed.
     * A returning customer is never registered twice.
     */
    async registerCustomer(
      person: RecipientInput,
      options: {
        customerRef: string;
        service?: 'pickpost' | 'mypost24';
        gender?: 'MALE' | 'FEMALE';
        lang?: 'de' | 'fr' | 'it' | 'en';
      },
    ): Promise<PickPostCustomer> {
      if (!plan.pickpostWebService) {
        throw notInVariant(
          'Registering a PickPost customer',
          'variant 4 works without the PickPost web service, and its labels carry no PickPost ID',
        );
      }
      if (typeof options?.customerRef !== 'string' || options.customerRef.trim() === '') {
        throw new PickPostValidationError('customer', [
          {
            path: 'customerRef',
            message: 'is required: the shop customer to remember the PickPost ID for',
            code: 'required',
          },
        ]);
      }
      const known = await rememberedCustomer(options.customerRef);
      if (known !== undefined) return known;
      return runner.run(`pickpost:op:register:${keyPart(options.customerRef)}`, {}, async () => {
        const customer = await post.pickpost.registerUser(person, {
          service: options.service ?? 'pickpost',
          language: languageOf(options.lang),
          ...(options.gender === undefined ? {} : { gender: options.gender }),
        });
        const stored = await store.putIfAbsent(
          customerKey(options.customerRef),
          JSON.stringify(customer),
        );
        return PickPostCustomerSchema.parse(JSON.parse(stored.value));
      });
    },

    /** The PickPost customer remembered for a shop customer, if any. */
    findCustomer: rememberedCustomer,

    /**
     * Checks the chosen point again (it exists, it takes the parcel) and returns a signed,
     * expiring, tamper-evident selection for the shop to store on the order, with a snapshot of
     * the point.
     */
    async selectPoint(input: {
      pointId: string;
      pickpostId?: string;
      customerRef: string;
      parcel?: ParcelInput;
      lang?: 'de' | 'fr' | 'it' | 'en';
    }) {
      const issues = [];
      if (typeof input?.customerRef !== 'string' || input.customerRef.trim() === '') {
        issues.push({ path: 'customerRef', message: 'is required', code: 'required' });
      }
      if (typeof input?.pointId !== 'string' || input.pointId.trim() === '') {
        issues.push({ path: 'pointId', message: 'is required', code: 'required' });
      }
      if (issues.length > 0) throw new PickPostValidationError('selection', issues);
      let pickpostId: string | undefined;
      if (plan.pickpostWebService) {
        pickpostId =
          input.pickpostId === undefined
            ? (await rememberedCustomer(input.customerRef))?.pickpostId
            : validate(PickPostIdSchema, input.pickpostId, 'PickPost ID');
        if (pickpostId === undefined) {
          throw new PickPostValidationError('selection', [
            {
              path: 'pickpostId',
              message: `is required in variant ${config.variant}: ask for the customer's PickPost ID or register them`,
              code: 'required',
            },
          ]);
        }
      } else if (input.pickpostId !== undefined) {
        throw notInVariant(
          'A PickPost ID',
          'variant 4 addresses parcels to the point without a PickPost customer number',
        );
      }
      const point = await post.locations.get(input.pointId, { lang: languageOf(input.lang) });
      if (point === undefined) {
        throw new PickPostError(
          'NOT_FOUND',
          `Swiss Post does not know the pick-up point ${input.pointId} (any more): ask the customer to choose again`,
        );
      }
      const parcel =
        input.parcel === undefined ? undefined : validate(ParcelSchema, input.parcel, 'parcel');
      const unsuitable = unsuitableBecause(point, parcel);
      if (unsuitable !== undefined) {
        throw new PickPostValidationError('selection', [
          {
            path: 'pointId',
            message: `cannot take this parcel: ${unsuitable}`,
            code: 'unsuitable_point',
          },
        ]);
      }
      const now = Math.floor(clock.now() / 1000);
      const expiresAt = now + config.selectionTtlDays * 24 * 3600;
      const selection = signSelection(
        {
          v: 1,
          customerRef: input.customerRef,
          variant: config.variant,
          point,
          ...(pickpostId === undefined ? {} : { pickpostId }),
          iat: now,
          exp: expiresAt,
        },
        config.selectionSecret,
      );
      return { selection, point, pickpostId, expiresAt: new Date(expiresAt * 1000).toISOString() };
    },

    /** Reads a selection back, refusing an altered or expired one. */
    verifySelection(selection: string) {
      return verifySelection(selection, config.selectionSecret, clock.now());
    },
  };

  async function fulfil(order: FulfilOrder): Promise<FulfilResult> {
    const selection = verifySelection(order?.selection, config.selectionSecret, clock.now());
    if (selection.variant !== config.variant) {
      throw new PickPostError(
        'SELECTION_INVALID',
        `The selection was made for variant ${selection.variant}, this shop runs variant ${config.variant}`,
      );
    }
    if (
      selection.pickpostId !== undefined &&
      order.customerRef !== undefined &&
      order.customerRef !== selection.customerRef
    ) {
      throw new PickPostError(
        'SELECTION_INVALID',
        'The selection was made for another customer: its PickPost ID cannot be used for this order',
      );
    }
    const pickpostId = plan.pickpostWebService ? selection.pickpostId : undefined;
    const shipment = buildShipment(order, selection.point, pickpostId);
    // The parcel may have changed since checkout (more items, bulky goods): check the point again.
    const unsuitable = unsuitableBecause(shipment.pickupPoint, shipment.parcel);
    if (unsuitable !== undefined) {
      throw new PickPostValidationError('order', [
        {
          path: 'parcel',
          message: `does not suit the chosen point: ${unsuitable}`,
          code: 'unsuitable_point',
        },
      ]);
    }
    const key = `pickpost:op:fulfil:${keyPart(shipment.orderRef)}:${shipment.parcelIndex}`;
    const stored = await runner.run<StoredFulfilResult, FulfilProgress>(
      key,
      {},
      async (context) => {
        const labelInputFor = (identcode: string): LabelInput => ({
          type: 'shipment',
          shipment,
          identcode,
          sender,
        });
        const finish = (made: MadeLabel, transmission: Transmission, fallback: boolean) =>
          recordResult(key, {
            kind: 'shipment',
            orderRef: shipment.orderRef,
            parcelIndex: shipment.parcelIndex,
            point: shipment.pickupPoint,
            pickpostId,
            labelInput: labelInputFor(made.identcode),
            ...made,
            transmission,
            fallback,
          });
        const selfGenerated = async (transmission: Transmission, fallback: boolean) => {
          const made = await labelMadeHere(context, labelInputFor);
          if (transmission === 'datatransfer') {
            await outbox?.enqueue({ ...shipment, identcode: made.identcode });
          }
          return finish(made, transmission, fallback);
        };
        if (plan.barcode === 'self-generated') return selfGenerated(plan.shipmentData, false);
        const attempts = { uncertain: false };
        try {
          const made = await labelFromWebService(
            context,
            labelInputFor,
            (itemNumber, hints) =>
              post.barcode.generateAddressLabel({
                shipment,
                sender,
                frankingLicense: config.frankingLicense,
                label: labels,
                itemNumber,
                ...hints,
              }),
            attempts,
          );
          return finish(made, 'barcode-webservice', false);
        } catch (error) {
          if (config.fallback !== 'self-generated' || !isUnavailable(error)) throw error;
          if (attempts.uncertain) {
            logger.error(
              'Barcode web service failed after an attempt that may have registered the parcel; not falling back, retry fulfil later',
              { orderRef: shipment.orderRef, error },
            );
            throw error;
          }
          logger.warn(
            'Barcode web service unavailable; label made locally, shipment data queued for DataTransfer',
            { orderRef: shipment.orderRef, error },
          );
          return selfGenerated('datatransfer', true);
        }
      },
    );
    return fromStored(stored);
  }

  async function createReturn(order: ReturnOrder): Promise<FulfilResult> {
    const customer = validate(RecipientSchema, order?.customer, 'customer');
    const parcel = parcelOf(order.parcel, config.returns?.przl ?? ['ECO']);
    const orderRef = String(order.orderRef);
    const parcelIndex = order.parcelIndex ?? 0;
    const key = `pickpost:op:return:${keyPart(orderRef)}:${parcelIndex}`;
    const stored = await runner.run<StoredFulfilResult, FulfilProgress>(
      key,
      {},
      async (context) => {
        const labelInputFor = (identcode: string): LabelInput => ({
          type: 'return',
          identcode,
          returnAddress,
          customer,
          parcel,
        });
        const finish = (made: MadeLabel, transmission: Transmission) =>
          recordResult(key, {
            kind: 'return',
            orderRef,
            parcelIndex,
            labelInput: labelInputFor(made.identcode),
            ...made,
            transmission,
            fallback: false,
          });
        if (plan.barcode === 'barcode-webservice') {
          const made = await labelFromWebService(context, labelInputFor, (itemNumber, hints) =>
            post.barcode.generateReturnLabel({
              orderRef,
              parcelIndex,
              returnAddress,
              sender,
              frankingLicense: config.frankingLicense,
              parcel,
              label: labels,
              itemNumber,
              ...hints,
            }),
          );
          return finish(made, 'barcode-webservice');
        }
        const made = await labelMadeHere(context, labelInputFor);
        if (plan.shipmentData === 'datatransfer') {
          await outbox?.enqueueItem(
            returnDataTransferItem({
              orderRef,
              parcelIndex,
              identcode: made.identcode,
              returnAddress,
              parcel,
            }),
          );
        }
        return finish(made, plan.shipmentData);
      },
    );
    return fromStored(stored);
  }

  /** A parcel made earlier, by its identcode (for reprints). */
  async function findByIdentcode(identcode: string): Promise<FulfilResult | undefined> {
    const pointer = await store.get(identcodeKey(identcode.replace(/[\s.]/g, '')));
    if (pointer === undefined) return undefined;
    const stored = await runner.result<StoredFulfilResult>(pointer.value);
    return stored === undefined ? undefined : fromStored(stored);
  }

  return {
    config,
    variant: config.variant,
    plan,
    checkout,
    fulfil,
    createReturn,

    findByIdentcode,

    /**
     * Labels of earlier parcels as one file: a merged PDF (or ZPL one after the other). Labels
     * this SDK drew are drawn again and streamed page by page; labels from the Barcode web
     * service are merged as Swiss Post made them. Unknown identcodes are a NOT_FOUND error.
     */
    async bulkLabels(
      identcodes: readonly string[],
    ): Promise<{ mediaType: string; fileName: string; stream: AsyncIterable<Uint8Array> }> {
      const results: FulfilResult[] = [];
      for (const identcode of identcodes) {
        const result = await findByIdentcode(identcode);
        if (result === undefined)
          throw new PickPostError(
            'NOT_FOUND',
            `No parcel with identcode ${identcode} was made here`,
          );
        results.push(result);
      }
      const fromPost = results.some(
        (result) => result.transmission === 'barcode-webservice' && !result.fallback,
      );
      const format = results.every((result) => result.label.format === 'zpl') ? 'zpl' : 'pdf';
      const stream = fromPost
        ? mergeStoredLabels(results, format)
        : ((await renderLabels(
            results.map((result) => result.labelInput),
            { ...labels, format },
          )) as AsyncIterable<Uint8Array>);
      return {
        mediaType: LABEL_MEDIA_TYPES[format],
        fileName: `labels-${results.length}.${format}`,
        stream,
      };
    },

    /** Delivers queued DataTransfer shipments (variants 2 and 4b, and the fallback of 1 and 4a). */
    async flushDataTransfer(options: { maxPerFile?: number } = {}): Promise<FlushReport> {
      if (outbox === undefined) {
        throw notInVariant(
          'DataTransfer',
          plan.shipmentData === 'none'
            ? 'it sends no shipment data to Swiss Post'
            : 'the Barcode web service sends the shipment data',
        );
      }
      if (transport === undefined) {
        throw new ConfigError([
          {
            path: 'dataTransfer.transport',
            message: 'is required to deliver DataTransfer files',
            code: 'required',
          },
        ]);
      }
      return outbox.flush({
        transport,
        maxPerFile: options.maxPerFile ?? config.dataTransfer?.maxPerFile ?? 10_000,
      });
    },

    /** Shipments waiting for, in, and through DataTransfer. */
    async dataTransferCounts() {
      if (outbox === undefined) return { pending: 0, claimed: 0, delivered: 0 };
      return outbox.counts();
    },

    trackingUrl,
    recommendVariant,
  };
}

export type PickPost = ReturnType<typeof createPickPost>;
