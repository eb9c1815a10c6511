import type { DataTransferItem } from '../datatransfer/item';
import type { DataTransferOutbox } from '../datatransfer/outbox';
import { IdempotencyConflictError } from '../errors/idempotency-conflict';
import {
  isPickPostValidationError,
  isPostApiError,
  isPostNetworkError,
  isPostTimeoutError,
  PickPostError,
} from '../errors/index';
import { formatIdentcode } from '../identcode/identcode';
import type { ItemNumberAllocator } from '../identcode/item-number-allocator';
import { LABEL_MEDIA_TYPES } from '../labels/render';
import type { LabelInput } from '../labels/types';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { AtomicWrite, StateStore } from '../ports/state-store';
import type { BarcodeLabel } from '../post/barcode';
import type { IntegrationConfig } from '../schemas/integration-config';
import type { LabelOptions } from '../schemas/label-options';
import type { VariantPlan } from '../schemas/variants';
import { cancellationKey } from './cancel';
import type { Fingerprint } from './fingerprint';
import { fingerprintDifferences } from './fingerprint';
import type { GroupCommitter } from './group-commit';
import type { createOperationRunner, OperationContext } from './idempotency';
import { identcodeKey, pointerToOlderParcel, pointIdentcodeAt } from './identcode-pointer';
import type { LabelRedraw, ParcelResult, StoredFulfilResult } from './parcel-record';
import { fromStored, plannedLabel, renderLocally, toStored } from './parcel-record';
import type { FulfilResult, LabelFile, Transmission } from './pickpost';
import { trackingUrlFrom } from './tracking';

/** A label and the number it carries, however it was made. */
interface MadeLabel {
  identcode: string;
  itemNumber: number;
  label: LabelFile;
  /** For a label drawn here: how to draw it again, byte for byte, instead of storing it. */
  redraw?: LabelRedraw;
}

/** What an interrupted attempt at a parcel had committed to. */
export interface ParcelProgress {
  itemNumber?: number | undefined;
}

/** How the Barcode web service is asked for a parcel's label, on a given item number. */
export type WebServiceLabelRequest = (
  itemNumber: number,
  hints: { earlierAttemptMayHaveSucceeded: boolean; onUncertainAttempt: () => void },
) => Promise<BarcodeLabel>;

/**
 * One parcel to make, shipment or return alike: how its label shows, how the web service is
 * asked for it, what DataTransfer receives, and what the result records beside the label.
 */
export interface ParcelSpec {
  /** The idempotency key of the operation. */
  key: string;
  kind: FulfilResult['kind'];
  orderRef: string;
  parcelIndex: number;
  labelInputFor(identcode: string): LabelInput;
  requestFromWebService: WebServiceLabelRequest;
  /** The DataTransfer record of the parcel once its identcode is known. */
  dataTransferItem(identcode: string): DataTransferItem;
  /** Recorded with the result: the point and PickPost ID of a shipment. */
  extra?: Pick<FulfilResult, 'point' | 'pickpostId'>;
  /** What the request said, part by part: a repeat must say the same. */
  fingerprint: Fingerprint;
  /** Names the operation in errors: `fulfil of order 1042, parcel 0`. */
  operation: string;
  /**
   * Checks that hold only for a parcel still to be made (the selection has not expired, the
   * point takes the parcel): a repeat of a parcel made earlier gets it, whatever they say now.
   */
  checkNew?: () => void;
  /**
   * An identcode the shop's own shipping system printed (self-generated variants): it is
   * claimed in the allocator's state instead of a number being allocated.
   */
  ownIdentcode?: { identcode: string; itemNumber: number } | undefined;
  /** Whether the caller wants the label drawn (labels from Swiss Post always come). */
  drawLabel: boolean;
}

export interface ParcelMakerDependencies {
  config: IntegrationConfig;
  plan: VariantPlan;
  labels: LabelOptions;
  store: StateStore;
  allocator: ItemNumberAllocator;
  outbox: DataTransferOutbox | undefined;
  runner: ReturnType<typeof createOperationRunner>;
  committer: GroupCommitter;
  clock: Clock;
  logger: Logger;
}

/**
 * Swiss Post refused the parcel's data (an E-code other than E2016), or the input is invalid: no
 * label exists, so the operation is forgotten and a corrected order starts clean.
 */
function isDefinitiveRefusal(error: unknown): boolean {
  return (
    isPickPostValidationError(error) ||
    (isPostApiError(error) && error.postCode !== undefined && error.postCode !== 'E2016')
  );
}

/** Failures after which the Barcode web service is unavailable rather than refusing the parcel. */
function isUnavailable(error: unknown): boolean {
  return (
    isPostNetworkError(error) ||
    isPostTimeoutError(error) ||
    (isPostApiError(error) && error.retryable)
  );
}

/**
 * The one path every parcel takes, exactly once per key: an item number written down before any
 * label carries it, the label from the Barcode web service (variants 1 and 4a) or drawn here,
 * the DataTransfer record queued where the variant sends one, the fallback when the web service
 * is unavailable and no attempt can have reached Swiss Post, and the result recorded so that
 * the parcel is found again by its identcode.
 */
async function nextItemNumber(
  deps: ParcelMakerDependencies,
  context: OperationContext<ParcelProgress>,
): Promise<number> {
  if (context.progress.itemNumber !== undefined) return context.progress.itemNumber;
  const itemNumber = await deps.allocator.next();
  // Written down before any label carries it: no item number is ever used without a record.
  await context.commit({ itemNumber });
  return itemNumber;
}

/** A label drawn here on a new item number: self-generated variants and the fallback. */
async function labelMadeHere(
  deps: ParcelMakerDependencies,
  context: OperationContext<ParcelProgress>,
  spec: ParcelSpec,
): Promise<MadeLabel> {
  const itemNumber = await nextItemNumber(deps, context);
  const identcode = formatIdentcode({ frankingLicense: deps.config.frankingLicense, itemNumber });
  return { identcode, itemNumber, ...(await renderLocally(deps, spec.labelInputFor(identcode))) };
}

/**
 * Asks the Barcode web service for a label; on E2016 for a number someone else holds, takes
 * another. `attempts.uncertain` tells the caller, also when this throws, whether an attempt
 * may have registered the parcel at Swiss Post (then no fallback may make a second one). When
 * the answer that carried Swiss Post's image was lost (see `recoveredDuplicate`), the label is
 * drawn here with the same identcode.
 */
async function labelFromWebService(
  deps: ParcelMakerDependencies,
  context: OperationContext<ParcelProgress>,
  spec: ParcelSpec,
  attempts: { uncertain: boolean },
): Promise<MadeLabel> {
  let earlier = context.progress.itemNumber !== undefined;
  attempts.uncertain = earlier;
  for (let attempt = 1; ; attempt += 1) {
    const itemNumber = await nextItemNumber(deps, context);
    let answer: BarcodeLabel;
    try {
      answer = await spec.requestFromWebService(itemNumber, {
        earlierAttemptMayHaveSucceeded: earlier,
        onUncertainAttempt: () => {
          attempts.uncertain = true;
        },
      });
    } catch (error) {
      const taken = isPostApiError(error) && error.postCode === 'E2016';
      if (!taken || attempts.uncertain || attempt >= 3) throw error;
      deps.logger.warn('item number already used at Swiss Post; taking another', { itemNumber });
      await context.commit({ itemNumber: await deps.allocator.next() });
      earlier = false;
      continue;
    }
    const { identcode, itemNumber: used } = answer;
    if (answer.label === undefined) {
      return {
        identcode,
        itemNumber: used,
        ...(await renderLocally(deps, spec.labelInputFor(identcode))),
      };
    }
    const label = {
      format: answer.labelFormat,
      mediaType: LABEL_MEDIA_TYPES[answer.labelFormat],
      fileName: `${identcode}.${answer.labelFormat}`,
      data: answer.label,
    };
    return { identcode, itemNumber: used, label };
  }
}

/** A made parcel as the caller gets it and as the store keeps it (with its fingerprint). */
function resultOf(
  deps: ParcelMakerDependencies,
  spec: ParcelSpec,
  made: MadeLabel,
  transmission: Transmission,
  fallback: boolean,
): { result: FulfilResult; stored: StoredFulfilResult } {
  const { config, clock } = deps;
  const { redraw, ...label } = made;
  const result: FulfilResult = {
    kind: spec.kind,
    orderRef: spec.orderRef,
    parcelIndex: spec.parcelIndex,
    ...spec.extra,
    labelInput: spec.labelInputFor(made.identcode),
    ...label,
    transmission,
    fallback,
    trackingUrl: trackingUrlFrom(config.trackingUrlTemplate, made.identcode, config.language),
    createdAt: new Date(clock.now()).toISOString(),
  };
  return { result, stored: { ...toStored(result, redraw), fingerprint: spec.fingerprint } };
}

/** Keeps a made parcel findable by its identcode and gives it its tracking link and date. */
async function recordResult(
  deps: ParcelMakerDependencies,
  spec: ParcelSpec,
  made: MadeLabel,
  transmission: Transmission,
  fallback: boolean,
): Promise<StoredFulfilResult> {
  await pointIdentcodeAt(deps.store, made.identcode, spec.key);
  return resultOf(deps, spec, made, transmission, fallback).stored;
}

/** A parcel with a label drawn here; its record queued for DataTransfer where it goes there. */
async function selfGenerated(
  deps: ParcelMakerDependencies,
  context: OperationContext<ParcelProgress>,
  spec: ParcelSpec,
  transmission: Transmission,
  fallback: boolean,
): Promise<StoredFulfilResult> {
  const made = await labelMadeHere(deps, context, spec);
  if (transmission === 'datatransfer') {
    await deps.outbox?.enqueueItem(spec.dataTransferItem(made.identcode));
  }
  return recordResult(deps, spec, made, transmission, fallback);
}

async function viaWebService(
  deps: ParcelMakerDependencies,
  context: OperationContext<ParcelProgress>,
  spec: ParcelSpec,
): Promise<StoredFulfilResult> {
  const { config, logger } = deps;
  const attempts = { uncertain: false };
  try {
    const made = await labelFromWebService(deps, context, spec, attempts);
    return await recordResult(deps, spec, made, 'barcode-webservice', false);
  } catch (error) {
    if (config.fallback !== 'self-generated' || !isUnavailable(error)) throw error;
    if (attempts.uncertain) {
      logger.error(
        'Barcode web service failed after an attempt that may have registered the parcel; not falling back, retry later',
        { orderRef: spec.orderRef, error },
      );
      throw error;
    }
    logger.warn(
      'Barcode web service unavailable; label made locally, shipment data queued for DataTransfer',
      { orderRef: spec.orderRef, error },
    );
    return selfGenerated(deps, context, spec, 'datatransfer', true);
  }
}

/**
 * The parcel an earlier call made for the same key, if its request said the same; an
 * {@link IdempotencyConflictError} naming what differs otherwise.
 */
function sameParcel(stored: StoredFulfilResult, spec: ParcelSpec): Promise<ParcelResult> {
  const differences =
    stored.fingerprint === undefined
      ? []
      : fingerprintDifferences(stored.fingerprint, spec.fingerprint);
  if (differences.length > 0) {
    throw new IdempotencyConflictError({ operation: spec.operation, differences });
  }
  return spec.drawLabel ? fromStored(stored) : fromStored(stored, false);
}

/**
 * A self-generated parcel in one durable commit: the item number is taken (the allocator's log
 * already holds it, so a crash before the commit skips it but never reuses it), the label drawn,
 * and then the result, the identcode's pointer and the DataTransfer record are written together.
 * Nothing leaves before that commit, so no claim is needed: two processes making the same parcel
 * at once both draw, one commit wins, and the other returns the winner's parcel.
 */
async function makeHere(deps: ParcelMakerDependencies, spec: ParcelSpec): Promise<ParcelResult> {
  const { plan, outbox } = deps;
  const own = spec.ownIdentcode;
  let itemNumber: number;
  if (own === undefined) itemNumber = await deps.allocator.next();
  else {
    // Claimed before anything is written, by this parcel's key: a retry claims it again.
    await deps.allocator.claim(own.itemNumber, spec.key);
    itemNumber = own.itemNumber;
  }
  const identcode = formatIdentcode({ frankingLicense: deps.config.frankingLicense, itemNumber });
  let made: MadeLabel;
  let drawn: LabelFile | undefined;
  if (spec.drawLabel) {
    const rendered = await renderLocally(deps, spec.labelInputFor(identcode));
    drawn = rendered.label;
    made = { identcode, itemNumber, ...rendered };
  } else {
    // Not drawn; the record says how to draw it should a reprint or a sheet ask for it.
    const { file, redraw } = plannedLabel(deps, identcode);
    made = { identcode, itemNumber, label: { ...file, data: new Uint8Array(0) }, redraw };
  }
  const { result, stored } = resultOf(deps, spec, made, plan.shipmentData, false);
  const writes: AtomicWrite[] = [
    { op: 'create', key: spec.key, value: JSON.stringify({ state: 'done', result: stored }) },
    { op: 'create', key: identcodeKey(identcode), value: spec.key },
  ];
  if (plan.shipmentData === 'datatransfer' && outbox !== undefined) {
    writes.push(outbox.enqueueWrite(spec.dataTransferItem(identcode)));
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await deps.committer.write(writes)) {
      if (drawn !== undefined) return result;
      const { label: _none, ...withoutLabel } = result;
      return withoutLabel;
    }
    const earlier = await deps.runner.result<StoredFulfilResult>(spec.key);
    if (earlier !== undefined) return sameParcel(earlier, spec);
    const pointer = await pointerToOlderParcel(deps.store, identcode, spec.key);
    if (pointer === undefined) break;
    writes[1] = {
      op: 'update',
      key: pointer.key,
      expectedVersion: pointer.version,
      value: spec.key,
    };
  }
  throw new PickPostError('STORE_FAILED', `${spec.operation}: its record is there but unfinished`);
}

export function createParcelMaker(deps: ParcelMakerDependencies) {
  const { plan, store, runner } = deps;

  /** The stored record of a parcel, its label not drawn (for reprints of many). */
  async function findRecord(identcode: string): Promise<StoredFulfilResult | undefined> {
    const pointer = await store.get(identcodeKey(identcode.replace(/[\s.]/g, '')));
    if (pointer === undefined) return undefined;
    return runner.result<StoredFulfilResult>(pointer.value);
  }

  return {
    /**
     * Makes the parcel of `spec` once, or returns the one an earlier call made with the same
     * request (refusing one that reuses the key for other contents).
     */
    async make(spec: ParcelSpec): Promise<ParcelResult> {
      const earlier = await runner.result<StoredFulfilResult>(spec.key);
      if (earlier !== undefined) {
        if ((await store.get(cancellationKey(spec.key))) !== undefined) {
          throw new PickPostError(
            'PARCEL_CANCELLED',
            `${spec.operation} was cancelled: use a new order reference or parcel index for a new parcel`,
          );
        }
        return sameParcel(earlier, spec);
      }
      spec.checkNew?.();
      if (plan.barcode === 'self-generated') return makeHere(deps, spec);
      const stored = await runner.run<StoredFulfilResult, ParcelProgress>(
        spec.key,
        {},
        (context) => viaWebService(deps, context, spec),
        { forgetOn: isDefinitiveRefusal },
      );
      return sameParcel(stored, spec);
    },

    /** A parcel made earlier, by its identcode (dots and spaces ignored). */
    async findByIdentcode(identcode: string): Promise<FulfilResult | undefined> {
      const stored = await findRecord(identcode);
      return stored === undefined ? undefined : fromStored(stored);
    },

    findRecord,
  };
}

export type ParcelMaker = ReturnType<typeof createParcelMaker>;
