import { createHash } from 'node:crypto';
import type { StateStore } from '@pickpost/core';

/** A fulfillment item as Medusa hands it to `createFulfillment`: which line, how many. */
interface SlotItem {
  line_item_id?: unknown;
  quantity?: unknown;
}

/** The same items in any order give the same digest. */
function itemsDigest(items: readonly unknown[]): string {
  const lines = (items as SlotItem[])
    .map((item) => `${String(item?.line_item_id ?? '')}×${String(item?.quantity ?? '')}`)
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
}

/**
 * Which parcel of an order a fulfillment is. Medusa deletes a fulfillment whose creation failed,
 * so a retry comes with a new fulfillment id: the parcel is found by the order and the items
 * instead (the same items again are the same parcel, other items of a split order the next
 * one). The numbering lives in the state store, so every Medusa instance agrees on it.
 */
export function createParcelSlots(store: StateStore) {
  const slotKey = (orderId: string, items: readonly unknown[]) =>
    `medusa:parcel-slot:${orderId}:${itemsDigest(items)}`;
  const nextIndex = async (orderId: string) =>
    (await store.increment(`medusa:parcel-count:${orderId}`)) - 1;

  return {
    /** The parcel index of these items of the order, allocated on first use. */
    async indexOf(orderId: string, items: readonly unknown[]): Promise<number> {
      const key = slotKey(orderId, items);
      const known = await store.get(key);
      if (known !== undefined) return Number(known.value);
      const claimed = await store.putIfAbsent(key, String(await nextIndex(orderId)));
      return Number(claimed.value);
    },

    /**
     * Moves the items to a new parcel index after their parcel was cancelled: a fulfillment
     * made again after a cancellation is a new parcel with its own item number.
     */
    async renew(orderId: string, items: readonly unknown[], cancelled: number): Promise<number> {
      const key = slotKey(orderId, items);
      const known = await store.get(key);
      if (known === undefined || Number(known.value) !== cancelled) {
        return known === undefined ? cancelled : Number(known.value);
      }
      const index = await nextIndex(orderId);
      const version = await store.compareAndSet(key, known.version, String(index));
      // Another instance renewed it first: use its index.
      return version === undefined ? Number((await store.get(key))?.value ?? index) : index;
    },
  };
}

export type ParcelSlots = ReturnType<typeof createParcelSlots>;
