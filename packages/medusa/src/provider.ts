import type {
  CalculatedShippingOptionPrice,
  CreateFulfillmentResult,
  FulfillmentOption,
} from '@medusajs/framework/types';
import { AbstractFulfillmentProviderService } from '@medusajs/framework/utils';
import type { PickPost, RenderedBarcode, StateStore } from '@pickpost/core';
import { createPickPost, isConfigError, isPickPostError } from '@pickpost/core';
import { FULFILLMENT_OPTIONS, isPickPostOption } from './fulfillment-options';
import { asMedusaErrors, invalidData } from './medusa-errors';
import type { ParsedOptions } from './options';
import { parseProviderOptions } from './options';
import type { StoredBarcode } from './own-documents';
import { ownDocumentsOf, storedBarcode } from './own-documents';
import type { ParcelHolders } from './parcel-holders';
import { createParcelHolders } from './parcel-holders';
import type { ParcelSlots } from './parcel-slots';
import { createParcelSlots } from './parcel-slots';
import type { MedusaAddress } from './recipient';
import { toRecipient } from './recipient';
import { registerPickPost } from './registry';
import type { PickPostMethodData } from './selection-data';
import { checkSelection } from './selection-data';
import { openStateStore } from './state-store';
import { cartGrams, priceFor } from './weight';

/** A key read once at boot, so the store prepares (creates, migrates) its tables then. */
const BOOT_PROBE_KEY = 'pickpost:medusa:boot-probe';

/** What Medusa's fulfillment module hands the provider: its own container (only the logger is read). */
export interface ProviderDependencies {
  logger?: {
    /** Something the shop should look at: a cancellation that came too late, say. */
    warn(message: string): void;
    /** What the provider did. */
    info(message: string): void;
  };
}

/** What the provider keeps on a fulfillment (`fulfillment.data`), beyond the method's data. */
export interface PickPostFulfillmentData extends Partial<PickPostMethodData> {
  /** The fulfillment the provider made this data for (several may hold one parcel). */
  fulfillment_id?: string;
  order_ref: string;
  parcel_index: number;
  identcode: string;
  tracking_url: string;
  transmission: string;
  kind: 'shipment' | 'return';
  /** The identcode barcode alone, for the shop's own documents (the admin barcode route). */
  barcode_url: string;
  /** The barcode itself, when `additional_data.barcode` asked for it. */
  barcode?: StoredBarcode;
}

type Loose = Record<string, unknown>;

const asRecord = (value: unknown): Loose =>
  typeof value === 'object' && value !== null ? (value as Loose) : {};

/** A parcel index the admin gave (`additional_data.parcel_index`), if any. */
function parcelIndexOf(...sources: unknown[]): number | undefined {
  for (const source of sources) {
    const value = asRecord(source).parcel_index;
    if (value === undefined) continue;
    const index = Number(value);
    if (!Number.isInteger(index) || index < 0 || index > 99) {
      throw invalidData('parcel_index must be a whole number from 0 to 99');
    }
    return index;
  }
  return undefined;
}

/**
 * Swiss Post PickPost and My Post 24 as a Medusa v2 fulfillment provider: the shopper's signed
 * point selection is checked when the shipping method is added, the label, identcode and
 * tracking link are made when the admin creates the fulfillment, and returns get their own
 * label. All of it is core's `createPickPost`; this class translates Medusa's calls.
 *
 * @example
 * // medusa-config.ts: the fulfillment module's providers
 * { resolve: '@pickpost/medusa', id: 'pickpost', options: { variant: 2, frankingLicense: '60013217', … } }
 */
export class PickPostFulfillmentProvider extends AbstractFulfillmentProviderService {
  static override identifier = 'pickpost';

  /**
   * Called by Medusa's loader before the provider is made: a bad option stops Medusa at boot
   * with every wrong field named (and never a configured value, so never a secret).
   */
  static validateOptions(options: Record<string, unknown>): void {
    try {
      parseProviderOptions(options);
    } catch (error) {
      if (isConfigError(error)) {
        throw new Error(`@pickpost/medusa provider options: ${error.message}`);
      }
      throw error;
    }
  }

  readonly pickpost: PickPost;
  readonly #options: ParsedOptions;
  readonly #store: StateStore;
  readonly #slots: ParcelSlots;
  readonly #holders: ParcelHolders;
  readonly #logger: ProviderDependencies['logger'];

  constructor(dependencies: ProviderDependencies, options: Record<string, unknown>) {
    super();
    this.#options = parseProviderOptions(options);
    this.#store = openStateStore(this.#options.store);
    this.#slots = createParcelSlots(this.#store);
    this.#holders = createParcelHolders(this.#store);
    this.#logger = safeLogger(dependencies);
    this.pickpost = createPickPost(this.#options.config, { store: this.#store });
    // Medusa constructs the provider once, at boot: the store's schema is created and migrated
    // now, not with the first order. A database out of reach is only warned about here (Medusa
    // would not start otherwise); the store tries again on its next call.
    void Promise.resolve(this.#store.get(BOOT_PROBE_KEY)).catch((error: unknown) =>
      this.#logger?.warn(
        `PickPost: the state store could not be prepared at boot (${error instanceof Error ? error.message : String(error)}); it is tried again on the next call`,
      ),
    );
    registerPickPost('pickpost', { pickpost: this.pickpost, options: this.#options });
  }

  /** Closes the state store's connections (Medusa does not call this; tests and scripts do). */
  async close(): Promise<void> {
    await this.#store.close();
  }

  /** The options a shop can pick in Medusa's admin: PickPost point, My Post 24 terminal, return. */
  override async getFulfillmentOptions(): Promise<FulfillmentOption[]> {
    return FULFILLMENT_OPTIONS.map((option) => ({ ...option }));
  }

  /** Whether a shipping option's data names one of this provider's options. */
  override async validateOption(data: Loose): Promise<boolean> {
    return isPickPostOption(data);
  }

  /** Whether the provider prices the option: only when prices are configured. */
  override async canCalculate(dto: unknown): Promise<boolean> {
    return this.#options.prices !== undefined && isPickPostOption(asRecord(dto).data);
  }

  /**
   * The price from the weight table. Medusa calls this before `validateFulfillmentData` with
   * whatever the storefront sent, and on every cart change with the stored data, so it reads
   * only the cart's items, never `data`.
   */
  override async calculatePrice(
    _optionData: Loose,
    data: Loose,
    context: Loose,
  ): Promise<CalculatedShippingOptionPrice> {
    const table = this.#options.prices;
    if (table === undefined) {
      throw invalidData('no price table is configured (options.prices): use a flat price');
    }
    const grams = cartGrams(context?.items, this.#options.weightUnit);
    const amount = priceFor(table, grams);
    if (amount !== undefined) {
      // Swiss shop prices include VAT.
      return { calculated_amount: amount, is_calculated_price_tax_inclusive: true };
    }
    // Too heavy. Medusa prices every calculated option at once when it lists them and when it
    // refreshes a cart, and one throw there fails the whole listing (home delivery included) or
    // the cart update. So: no amount, which Medusa shows as an option without a price and
    // answers by removing a stored method. Only the shopper adding the method (storefront data
    // with a selection, not yet checked) gets the reason.
    const adding = typeof data?.selection === 'string' && data.customer_ref === undefined;
    if (adding) {
      const heaviest = table[table.length - 1]?.upToGrams ?? 0;
      throw invalidData(`the cart weighs ${grams} g; PickPost ships up to ${heaviest} g`);
    }
    return {
      calculated_amount: undefined as unknown as number,
      is_calculated_price_tax_inclusive: true,
    };
  }

  /**
   * Checks at checkout that the cart's PickPost selection is signed and valid, and keeps it with
   * the cart's weight for the fulfillment.
   */
  override async validateFulfillmentData(
    optionData: Loose,
    data: Loose,
    context: Loose,
  ): Promise<PickPostMethodData | Loose> {
    if (optionData?.is_return === true) return {};
    const grams = cartGrams(context?.items, this.#options.weightUnit);
    return checkSelection(this.pickpost, asRecord(optionData), data, context, {
      weightGrams: grams,
      przl: [...this.#options.config.defaultPrzl],
    });
  }

  /**
   * Makes the parcels of a fulfillment with `pickpost.fulfil`: identcodes, labels and tracking
   * links.
   */
  override async createFulfillment(
    data: Loose,
    items: unknown[],
    order: Loose | undefined,
    fulfillment: Loose,
    additionalData?: Loose,
  ): Promise<CreateFulfillmentResult> {
    const method = data as Partial<PickPostMethodData>;
    const { selection, customer_ref: customerRef } = method;
    if (typeof selection !== 'string' || typeof customerRef !== 'string') {
      throw invalidData(
        'this fulfillment has no PickPost selection: the order was not placed with a PickPost shipping method',
      );
    }
    const orderRef = asRecord(order).id;
    if (typeof orderRef !== 'string') throw invalidData('the fulfillment has no order');
    const weightGrams =
      Number(asRecord(additionalData).weight_grams ?? 0) ||
      method.weight_grams ||
      this.#options.defaultWeightGrams;
    const recipient = toRecipient(
      asRecord(order).shipping_address as MedusaAddress,
      asRecord(order).email,
    );
    const fulfillmentId = asRecord(fulfillment).id;
    const holder = typeof fulfillmentId === 'string' ? fulfillmentId : undefined;
    // An identcode of the shop's own shipping system, and the barcode for its delivery notes.
    const ownDocuments = ownDocumentsOf(additionalData);
    const fulfil = async (parcelIndex: number) => {
      const parcel = { orderRef, kind: 'shipment' as const, parcelIndex };
      // Held before it is made, so that a cancel of another holder never misses this one.
      if (holder !== undefined) await this.#holders.hold(parcel, holder);
      try {
        return await this.pickpost.fulfil({
          orderRef,
          parcelIndex,
          selection,
          customerRef,
          recipient,
          parcel: { weightGrams },
          ...ownDocuments,
        });
      } catch (error) {
        // Medusa deletes a fulfillment whose creation failed, without cancelling it.
        if (holder !== undefined) await this.#holders.release(parcel, holder).catch(() => false);
        throw error;
      }
    };
    // Keyed on the order and the parcel, never the fulfillment id (see createParcelSlots).
    const explicit = parcelIndexOf(additionalData);
    const parcelIndex = explicit ?? (await this.#slots.indexOf(orderRef, items ?? []));
    const result = await asMedusaErrors(async () => {
      try {
        return await fulfil(parcelIndex);
      } catch (error) {
        if (
          explicit !== undefined ||
          !isPickPostError(error) ||
          error.code !== 'PARCEL_CANCELLED'
        ) {
          throw error;
        }
        return fulfil(await this.#slots.renew(orderRef, items ?? [], parcelIndex));
      }
    });
    return this.#answer(
      holder === undefined ? method : { ...method, fulfillment_id: holder },
      result,
      'shipment',
    );
  }

  /**
   * Withdraws the shipment data while it still waits in the DataTransfer outbox; once Swiss Post
   * has it, the cancellation is recorded (no second label for this parcel) and the warning says
   * that the parcel must not be posted.
   */
  override async cancelFulfillment(data: Loose): Promise<Loose> {
    const made = data as Partial<PickPostFulfillmentData>;
    if (typeof made.order_ref !== 'string') return {};
    const parcel = {
      orderRef: made.order_ref,
      parcelIndex: made.parcel_index ?? 0,
      kind: made.kind ?? 'shipment',
    };
    // Another fulfillment of the order holds the same parcel (see createParcelHolders): this
    // record is cancelled, the parcel stays.
    if (typeof made.fulfillment_id === 'string') {
      if (await this.#holders.release(parcel, made.fulfillment_id)) {
        const message = `parcel ${made.identcode} stays: another fulfillment of the order holds it`;
        this.#logger?.info(`PickPost: ${message}`);
        return { ...data, cancellation: { outcome: 'kept', message } };
      }
    }
    const result = await this.pickpost.cancel(parcel);
    if (result.outcome === 'too-late') this.#logger?.warn(`PickPost: ${result.message}`);
    return { ...data, cancellation: { outcome: result.outcome, message: result.message } };
  }

  /** Makes the return label of a returned order with `pickpost.createReturn`. */
  override async createReturnFulfillment(fulfillment: Loose): Promise<CreateFulfillmentResult> {
    const record = asRecord(fulfillment);
    // Medusa hands the fulfillment record without its order: the order id comes from the
    // metadata when the shop puts it there, else the return fulfillment's own id.
    const orderRef = asRecord(record.metadata).order_id ?? record.order_id ?? record.id;
    if (typeof orderRef !== 'string') throw invalidData('the return has no order');
    const result = await asMedusaErrors(() =>
      this.pickpost.createReturn({
        orderRef,
        parcelIndex: parcelIndexOf(record.metadata, record.data) ?? 0,
        customer: toRecipient(
          record.delivery_address as MedusaAddress,
          asRecord(record.order).email,
        ),
        parcel: {
          weightGrams:
            Number(asRecord(record.metadata).weight_grams ?? 0) || this.#options.defaultWeightGrams,
        },
      }),
    );
    return this.#answer({}, result, 'return');
  }

  #answer(
    method: Partial<PickPostMethodData> & { fulfillment_id?: string },
    result: {
      orderRef: string;
      parcelIndex: number;
      identcode: string;
      trackingUrl: string;
      transmission: string;
      barcode?: RenderedBarcode | undefined;
    },
    kind: 'shipment' | 'return',
  ): CreateFulfillmentResult {
    const data: PickPostFulfillmentData = {
      ...method,
      order_ref: result.orderRef,
      parcel_index: result.parcelIndex,
      identcode: result.identcode,
      tracking_url: result.trackingUrl,
      transmission: result.transmission,
      kind,
      barcode_url: `${this.#options.barcodeUrlBase}/${result.identcode}`,
      ...(result.barcode === undefined ? {} : { barcode: storedBarcode(result.barcode) }),
    };
    return {
      data: data as unknown as Loose,
      labels: [
        {
          tracking_number: result.identcode,
          tracking_url: result.trackingUrl,
          label_url: `${this.#options.labelUrlBase}/${result.identcode}`,
        },
      ],
    };
  }
}

/** The module's logger, when its container has one (Awilix throws on a missing registration). */
function safeLogger(dependencies: ProviderDependencies): ProviderDependencies['logger'] {
  try {
    return dependencies?.logger;
  } catch {
    return undefined;
  }
}
