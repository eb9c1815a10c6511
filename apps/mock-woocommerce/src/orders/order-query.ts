// Listing orders as `GET /wc/v3/orders` does (woocommerce/woocommerce: plugins/woocommerce/
// includes/rest-api/Controllers/Version3/class-wc-rest-crud-controller.php prepare_objects_query,
// get_objects; Version2/class-wc-rest-orders-v2-controller.php; Version3/
// class-wc-rest-orders-controller.php for the status list and created_via).
import type { StoreZone } from '../dates';
import type { OrderRecord } from './order-record';
import type { DateField, OrderStore } from './order-store';

/** One date filter, compared strictly (`after` is `>`, `before` is `<`) at second precision. */
export interface DateFilter {
  field: DateField;
  op: 'after' | 'before';
  /** The value as the date query sees it: wall time of the compared column. */
  wallMs: number;
}

export interface OrderQuery {
  /** `undefined` for `any`: every status but trash. */
  statuses?: ReadonlySet<string> | undefined;
  include: readonly number[];
  exclude: ReadonlySet<number>;
  parent: readonly number[];
  parentExclude: ReadonlySet<number>;
  customer?: number | undefined;
  product?: number | undefined;
  createdVia?: ReadonlySet<string> | undefined;
  search?: string | undefined;
  dates: readonly DateFilter[];
  /** `dates_are_gmt`: compare with the GMT columns instead of the store-local ones. */
  datesAreGmt: boolean;
  orderby: 'date' | 'modified' | 'id' | 'include' | 'title' | 'slug';
  order: 'asc' | 'desc';
  perPage: number;
  page: number;
  offset?: number | undefined;
}

export interface OrderPage {
  orders: OrderRecord[];
  total: number;
  pages: number;
}

const DAY = 24 * 60 * 60 * 1000;

function searchText(order: OrderRecord): string {
  const { billing, shipping } = order;
  return [
    ...Object.values(billing),
    ...Object.values(shipping),
    ...order.lineItems.map((item) => item.name),
  ]
    .join('\n')
    .toLowerCase();
}

function buildPredicate(query: OrderQuery, zone: StoreZone) {
  const search = query.search?.trim().toLowerCase();
  const parents = query.parent.length > 0 ? new Set(query.parent) : undefined;
  const dates = query.dates.map((filter) => ({ ...filter }));
  return (order: OrderRecord): boolean => {
    if (
      query.statuses === undefined ? order.status === 'trash' : !query.statuses.has(order.status)
    ) {
      return false;
    }
    if (query.exclude.has(order.id)) return false;
    if (parents !== undefined && !parents.has(order.parentId)) return false;
    if (query.parentExclude.has(order.parentId)) return false;
    if (query.customer !== undefined && order.customerId !== query.customer) return false;
    if (query.createdVia !== undefined && !query.createdVia.has(order.createdVia)) return false;
    if (
      query.product !== undefined &&
      !order.lineItems.some(
        (item) => item.productId === query.product || item.variationId === query.product,
      )
    ) {
      return false;
    }
    for (const filter of dates) {
      const column = query.datesAreGmt ? order[filter.field] : zone.toLocal(order[filter.field]);
      if (filter.op === 'after' ? !(column > filter.wallMs) : !(column < filter.wallMs))
        return false;
    }
    if (search !== undefined && search !== '') {
      if (String(order.id) !== search && !searchText(order).includes(search)) return false;
    }
    return true;
  };
}

/**
 * The candidates to filter: a range of a list, sorted the way the answer wants when possible (a
 * range of the date index the results are sorted by, narrowed by a date filter on that field, by
 * a day on each side when the filter is in local time and then checked exactly), else the ids.
 */
interface Candidates {
  at(index: number): OrderRecord | undefined;
  from: number;
  to: number;
  sorted: boolean;
}

function candidates(store: OrderStore, query: OrderQuery): Candidates {
  if (query.include.length > 0) {
    const seen = new Set<number>();
    const list: OrderRecord[] = [];
    for (const id of query.include) {
      const order = store.get(id);
      if (order !== undefined && !seen.has(id)) {
        seen.add(id);
        list.push(order);
      }
    }
    return {
      at: (index) => list[index],
      from: 0,
      to: list.length,
      sorted: query.orderby === 'include',
    };
  }
  const field: DateField | undefined =
    query.orderby === 'date'
      ? 'createdGmt'
      : query.orderby === 'modified'
        ? 'modifiedGmt'
        : undefined;
  if (field === undefined) {
    const { byId } = store;
    return { at: (index) => byId[index], from: 0, to: byId.length, sorted: true };
  }
  const index = store.index(field);
  let from = 0;
  let to = index.records.length;
  const margin = query.datesAreGmt ? 0 : DAY;
  for (const filter of query.dates) {
    if (filter.field !== field) continue;
    if (filter.op === 'after') from = Math.max(from, index.lowerBound(filter.wallMs - margin));
    else to = Math.min(to, index.lowerBound(filter.wallMs + margin + 1));
  }
  return { at: (position) => index.records[position], from, to: Math.max(from, to), sorted: true };
}

/** The total from the status counts, when nothing but the status filters. */
function statusOnlyTotal(store: OrderStore, query: OrderQuery): number | undefined {
  const filtered =
    query.include.length > 0 ||
    query.exclude.size > 0 ||
    query.parent.length > 0 ||
    query.parentExclude.size > 0 ||
    query.customer !== undefined ||
    query.product !== undefined ||
    query.createdVia !== undefined ||
    (query.search !== undefined && query.search.trim() !== '') ||
    query.dates.length > 0;
  if (filtered) return undefined;
  if (query.statuses === undefined) return store.size - store.countByStatus('trash');
  let total = 0;
  for (const status of query.statuses) total += store.countByStatus(status);
  return total;
}

function sortKey(query: OrderQuery): ((a: OrderRecord, b: OrderRecord) => number) | undefined {
  switch (query.orderby) {
    case 'date':
      return (a, b) => a.createdGmt - b.createdGmt || a.id - b.id;
    case 'modified':
      return (a, b) => a.modifiedGmt - b.modifiedGmt || a.id - b.id;
    case 'include':
      return undefined;
    default:
      return (a, b) => a.id - b.id;
  }
}

/**
 * One page of orders and the totals for `X-WP-Total` / `X-WP-TotalPages`. `offset` replaces
 * `page` (as WP_Query does) and the totals ignore it.
 *
 * @example
 * queryOrders(store, zone, { ...query, orderby: 'modified', order: 'asc', perPage: 100, page: 1 });
 */
export function queryOrders(store: OrderStore, zone: StoreZone, query: OrderQuery): OrderPage {
  const matches = buildPredicate(query, zone);
  const source = candidates(store, query);
  const start = query.offset ?? (query.page - 1) * query.perPage;
  const end = start + query.perPage;
  const descending = query.order === 'desc' && query.orderby !== 'include';
  if (source.sorted) {
    // Walk the range in the answer's order, counting every match but keeping only the page; when
    // only the status filters, the counts per status give the total and the walk stops early.
    const known = statusOnlyTotal(store, query);
    const orders: OrderRecord[] = [];
    let total = 0;
    for (let step = 0; step < source.to - source.from; step++) {
      if (known !== undefined && total >= end) break;
      const order = source.at(descending ? source.to - 1 - step : source.from + step);
      if (order === undefined || !matches(order)) continue;
      if (total >= start && total < end) orders.push(order);
      total++;
    }
    const count = known ?? total;
    return { orders, total: count, pages: Math.ceil(count / query.perPage) };
  }
  const found: OrderRecord[] = [];
  for (let position = source.from; position < source.to; position++) {
    const order = source.at(position);
    if (order !== undefined && matches(order)) found.push(order);
  }
  const compare = sortKey(query);
  if (compare !== undefined) found.sort(compare);
  if (descending) found.reverse();
  return {
    orders: found.slice(start, end),
    total: found.length,
    pages: Math.ceil(found.length / query.perPage),
  };
}
