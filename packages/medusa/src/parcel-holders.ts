import type { StateStore } from '@pickpost/core';

/** A parcel as the provider names it: the order, shipment or return, and its index. */
export interface ParcelName {
  orderRef: string;
  kind: 'shipment' | 'return';
  parcelIndex: number;
}

/**
 * Which Medusa fulfillments hold a parcel. Fulfilling is idempotent on the order, so two
 * fulfillments can hold the same parcel: a double click reaching two Medusa instances makes
 * one parcel and two fulfillment records, and Medusa then refuses one of the two workflows
 * (more items than ordered) and compensates it by cancelling its fulfillment. That cancel
 * must not withdraw the parcel the other fulfillment still holds. Each holder is a key of its
 * own, written before the parcel is made, so no holder is ever missed by a cancel.
 */
export function createParcelHolders(store: StateStore) {
  const prefix = (parcel: ParcelName) =>
    `medusa:parcel-holder:${parcel.orderRef}:${parcel.kind}:${parcel.parcelIndex}:`;
  return {
    /** Records that `fulfillmentId` holds the parcel (before the parcel is made). */
    async hold(parcel: ParcelName, fulfillmentId: string): Promise<void> {
      await store.putIfAbsent(`${prefix(parcel)}${fulfillmentId}`, '1');
    },

    /**
     * Lets go of the parcel; resolves whether another fulfillment still holds it (then the
     * parcel must stay).
     */
    async release(parcel: ParcelName, fulfillmentId: string): Promise<boolean> {
      await store.delete(`${prefix(parcel)}${fulfillmentId}`);
      return (await store.list(prefix(parcel), { limit: 1 })).length > 0;
    },
  };
}

export type ParcelHolders = ReturnType<typeof createParcelHolders>;
