import type { OrderRecord } from './order-record';

/** Orders sorted by one of their dates, ties broken by id: how `orderby=date|modified` pages. */
export interface DateIndex {
  readonly records: readonly OrderRecord[];
  /** Position of the first record whose date is at or after `ms`. */
  lowerBound(ms: number): number;
}

export type DateField = 'createdGmt' | 'modifiedGmt';

/**
 * Where orders live, with the indexes listing needs: by id, by creation date and by modification
 * date (each kept sorted on every write, so a page of 100,000 orders is a slice, not a sort).
 */
export interface OrderStore {
  get(id: number): OrderRecord | undefined;
  /** Adds an order or replaces the one with its id. */
  put(order: OrderRecord): void;
  delete(id: number): void;
  /** Loads many new orders at once, sorting the indexes once. */
  load(orders: readonly OrderRecord[]): void;
  readonly size: number;
  /** Ids in ascending order. */
  readonly ids: readonly number[];
  index(field: DateField): DateIndex;
}

const compareBy = (field: DateField) => (a: OrderRecord, b: OrderRecord) =>
  a[field] - b[field] || a.id - b.id;

function createDateIndex(field: DateField) {
  const records: OrderRecord[] = [];
  const compare = compareBy(field);
  const position = (order: OrderRecord) => {
    let low = 0;
    let high = records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(records[middle] as OrderRecord, order) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    records,
    lowerBound(ms: number) {
      let low = 0;
      let high = records.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((records[middle] as OrderRecord)[field] < ms) low = middle + 1;
        else high = middle;
      }
      return low;
    },
    insert(order: OrderRecord) {
      records.splice(position(order), 0, order);
    },
    remove(order: OrderRecord) {
      const at = position(order);
      if (records[at]?.id === order.id) records.splice(at, 1);
    },
    sort() {
      records.sort(compare);
    },
  };
}

function sortedInsert(ids: number[], id: number) {
  if (ids.length === 0 || (ids.at(-1) as number) < id) {
    ids.push(id);
    return;
  }
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ids[middle] as number) < id) low = middle + 1;
    else high = middle;
  }
  ids.splice(low, 0, id);
}

/**
 * An empty order store.
 *
 * @example
 * const store = createOrderStore();
 * store.put(order);
 * store.index('modifiedGmt').records; // oldest change first
 */
export function createOrderStore(): OrderStore {
  const byId = new Map<number, OrderRecord>();
  const ids: number[] = [];
  const indexes = {
    createdGmt: createDateIndex('createdGmt'),
    modifiedGmt: createDateIndex('modifiedGmt'),
  };
  const unindex = (order: OrderRecord) => {
    indexes.createdGmt.remove(order);
    indexes.modifiedGmt.remove(order);
  };
  return {
    get: (id) => byId.get(id),
    put(order) {
      const previous = byId.get(order.id);
      if (previous === undefined) sortedInsert(ids, order.id);
      else unindex(previous);
      byId.set(order.id, order);
      indexes.createdGmt.insert(order);
      indexes.modifiedGmt.insert(order);
    },
    delete(id) {
      const previous = byId.get(id);
      if (previous === undefined) return;
      unindex(previous);
      byId.delete(id);
      const at = ids.indexOf(id);
      if (at !== -1) ids.splice(at, 1);
    },
    load(orders) {
      for (const order of orders) {
        if (byId.has(order.id)) throw new Error(`order ${order.id} exists already`);
        byId.set(order.id, order);
        ids.push(order.id);
        indexes.createdGmt.records.push(order);
        indexes.modifiedGmt.records.push(order);
      }
      ids.sort((a, b) => a - b);
      indexes.createdGmt.sort();
      indexes.modifiedGmt.sort();
    },
    get size() {
      return byId.size;
    },
    ids,
    index: (field) => indexes[field],
  };
}
