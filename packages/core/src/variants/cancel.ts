import type { DataTransferOutbox } from '../datatransfer/outbox';
import type { Clock } from '../ports/clock';
import type { StateStore } from '../ports/state-store';
import { keyPart } from './checkout';
import type { createOperationRunner } from './idempotency';
import type { StoredFulfilResult } from './parcel-record';
import type { CancelResult, ParcelRef } from './pickpost';

/** Where the cancellation of the parcel operation `key` is recorded. */
export const cancellationKey = (key: string) => `pickpost:cancel:${key}`;

/** The operation key of a parcel: one convention for making, finding and cancelling it. */
export function parcelKey(ref: ParcelRef): string {
  const kind = ref.kind === 'return' ? 'return' : 'fulfil';
  return `pickpost:op:${kind}:${keyPart(String(ref.orderRef))}:${ref.parcelIndex ?? 0}`;
}

/**
 * What cancelling a parcel can still do. Swiss Post offers no way to call a parcel back: neither
 * the Barcode web service nor DataTransfer has a cancel operation in the reference (§A, §D, §Z),
 * so the stricter reading applies. Shipment data still waiting in the DataTransfer outbox is
 * withdrawn, so Swiss Post never hears of the parcel; data Swiss Post has received stays, and the
 * shop must not post the parcel (its label carries an identcode nobody will use). Either way the
 * cancellation is recorded: `fulfil` for the same order and parcel then refuses to hand the label
 * out again (`PARCEL_CANCELLED`).
 */
function outcomeOf(
  result: StoredFulfilResult,
  withdrawn: boolean,
  delivered: boolean,
): Pick<CancelResult, 'outcome' | 'message'> {
  if (result.transmission === 'none') {
    return {
      outcome: 'nothing-sent',
      message:
        'Swiss Post received no shipment data for this parcel (variant 3): do not post it, the label is void',
    };
  }
  if (withdrawn) {
    return {
      outcome: 'withdrawn',
      message:
        'The shipment data was withdrawn before it was sent: Swiss Post never hears of this parcel; destroy its label',
    };
  }
  return {
    outcome: 'too-late',
    message:
      result.transmission === 'barcode-webservice'
        ? 'The Barcode web service registered this parcel when it made the label, and Swiss Post offers no way to cancel it: do not post the parcel; the identcode stays unused'
        : `Swiss Post has ${delivered ? 'received' : 'been sent'} the shipment data by DataTransfer, which has no cancel: do not post the parcel; the identcode stays unused`,
  };
}

export function createCancel(deps: {
  store: StateStore;
  runner: ReturnType<typeof createOperationRunner>;
  outbox: DataTransferOutbox | undefined;
  clock: Clock;
}) {
  const { store, runner } = deps;
  return async function cancel(ref: ParcelRef): Promise<CancelResult> {
    const key = parcelKey(ref);
    const earlier = await store.get(cancellationKey(key));
    if (earlier !== undefined) return JSON.parse(earlier.value) as CancelResult;
    const result = await runner.result<StoredFulfilResult>(key);
    if (result === undefined) {
      return {
        outcome: 'not-found',
        message: 'No parcel was made for this order and parcel index',
      };
    }
    const withdrawn =
      result.transmission === 'datatransfer' && (await store.outbox.withdraw(result.identcode));
    const entry = withdrawn ? undefined : await store.outbox.get(result.identcode);
    const cancelled: CancelResult = {
      identcode: result.identcode,
      ...outcomeOf(result, withdrawn, entry?.state === 'delivered'),
      cancelledAt: new Date(deps.clock.now()).toISOString(),
    };
    // The first cancellation is the one that counts; a concurrent second returns it.
    const stored = await store.putIfAbsent(cancellationKey(key), JSON.stringify(cancelled));
    return JSON.parse(stored.value) as CancelResult;
  };
}
