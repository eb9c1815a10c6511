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
 * date (each kept sorted on every write, so a page of 100,000 orders is a walk, not a sort), and
 * a count per status.
 */
export interface OrderStore {
  get(id: number): OrderRecord | undefined;
  /** Adds an order or replaces the one with its id. */
  put(order: OrderRecord): void;
  delete(id: number): void;
  /** Loads many new orders at once, sorting the indexes once. */
  load(orders: readonly OrderRecord[]): void;
  readonly size: number;
  /** Orders by ascending id. */
  readonly byId: readonly OrderRecord[];
  /** How many orders have each status. */
  countByStatus(status: string): number;
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

/** Where an id is, or would go, in a list sorted by id. */
function idPosition(records: readonly OrderRecord[], id: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((records[middle] as OrderRecord).id < id) low = middle + 1;
    else high = middle;
  }
  return low;
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
  const sortedById: OrderRecord[] = [];
  const statusCounts = new Map<string, number>();
  const indexes = {
    createdGmt: createDateIndex('createdGmt'),
    modifiedGmt: createDateIndex('modifiedGmt'),
  };
  const count = (status: string, change: number) =>
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + change);
  const unindex = (order: OrderRecord) => {
    indexes.createdGmt.remove(order);
    indexes.modifiedGmt.remove(order);
    count(order.status, -1);
  };
  return {
    get: (id) => byId.get(id),
    put(order) {
      const previous = byId.get(order.id);
      const at = idPosition(sortedById, order.id);
      if (previous === undefined) sortedById.splice(at, 0, order);
      else {
        unindex(previous);
        sortedById[at] = order;
      }
      byId.set(order.id, order);
      indexes.createdGmt.insert(order);
      indexes.modifiedGmt.insert(order);
      count(order.status, 1);
    },
    delete(id) {
      const previous = byId.get(id);
      if (previous === undefined) return;
      unindex(previous);
      byId.delete(id);
      sortedById.splice(idPosition(sortedById, id), 1);
    },
    load(orders) {
      for (const order of orders) {
        if (byId.has(order.id)) throw new Error(`order ${order.id} exists already`);
        byId.set(order.id, order);
        sortedById.push(order);
        indexes.createdGmt.records.push(order);
        indexes.modifiedGmt.records.push(order);
        count(order.status, 1);
      }
      sortedById.sort((a, b) => a.id - b.id);
      indexes.createdGmt.sort();
      indexes.modifiedGmt.sort();
    },
    get size() {
      return byId.size;
    },
    byId: sortedById,
    countByStatus: (status) => statusCounts.get(status) ?? 0,
    index: (field) => indexes[field],
  };
}
