import type { StateStore } from '../ports/state-store';

/**
 * Where the operation that made a parcel is found from its identcode. An identcode names one
 * parcel at a time: when its number comes round again after the reuse window (the allocator
 * and the claims of own identcodes never give it out within it), the pointer moves to the
 * parcel that carries it now.
 */
export const identcodeKey = (identcode: string) => `pickpost:identcode:${identcode}`;

/** Points the identcode at the parcel operation `key`, moving it from an older parcel. */
export async function pointIdentcodeAt(
  store: StateStore,
  identcode: string,
  key: string,
): Promise<void> {
  const pointer = await store.putIfAbsent(identcodeKey(identcode), key);
  if (!pointer.created && pointer.value !== key) {
    await store.compareAndSet(identcodeKey(identcode), pointer.version, key);
  }
}

/** The identcode's pointer when it names another parcel than `key`, to move in a commit. */
export async function pointerToOlderParcel(
  store: StateStore,
  identcode: string,
  key: string,
): Promise<{ key: string; version: number } | undefined> {
  const pointer = await store.get(identcodeKey(identcode));
  if (pointer === undefined || pointer.value === key) return undefined;
  return { key: identcodeKey(identcode), version: pointer.version };
}
