// The simulated shop without HTTP: its data, the rules of every write and the events they raise.
// The REST routes and the `shop` handle of the simulator (the shop acting by itself, as checkout
// or the admin would) both go through here, so both fire webhooks.
import type { StoreZone } from './dates';
import { toSeconds } from './dates';
import { WpError } from './errors';
import type { ShopUser } from './fixtures';
import { PRODUCTS, USERS } from './fixtures';
import type { MetaRow } from './meta';
import type { OrderFormatContext } from './orders/order-format';
import { formatOrder } from './orders/order-format';
import type { GenerateOrdersOptions } from './orders/order-generator';
import { generateOrders } from './orders/order-generator';
import type { NoteRecord, NoteStore } from './orders/order-notes';
import { createNoteStore, SYSTEM_AUTHOR } from './orders/order-notes';
import type { OrderRecord } from './orders/order-record';
import type { OrderStore } from './orders/order-store';
import { createOrderStore } from './orders/order-store';
import type { OrderWriteContext, SystemNote } from './orders/order-write';
import { DraftLeftBehindError, writeOrder } from './orders/order-write';
import type { ProductRecord } from './products';
import { slugify } from './products';
import type { Random } from './random';
import { createSeededRandom, randomString } from './random';
import type { WcOrder } from './types';
import type { WebhookService } from './webhooks/webhook-service';

export interface ShopSettings {
  zone: StoreZone;
  currency: string;
  pricesIncludeTax: boolean;
  wcVersion: string;
  /** The shop's clock, in ms (floored to the second where WooCommerce stores dates). */
  now(): number;
  random: Random;
  /** The home URL, `http://127.0.0.1:<port>`. */
  origin: string;
}

export interface Shop {
  readonly settings: ShopSettings;
  readonly orders: OrderStore;
  readonly notes: NoteStore;
  readonly products: ReadonlyMap<number, ProductRecord>;
  readonly users: readonly ShopUser[];
  /** Set once the webhook service exists (it needs the shop to build payloads). */
  webhooks: WebhookService | undefined;
  /**
   * Plugins' `woocommerce_rest_insert_shop_order_object` actions: run after each REST create or
   * update of an order (batch items too), before the answer is made.
   */
  restInsertHooks: ((order: OrderRecord) => OrderRecord)[];
  user(id: number): ShopUser | undefined;
  /** `GET /wc/v3/orders/<id>` as JSON, at this moment. */
  format(order: OrderRecord, options?: Partial<OrderFormatContext>): WcOrder;
  /** Creates an order as `POST /orders` would (throws the same `WpError`s). */
  createOrder(body: Readonly<Record<string, unknown>>): OrderRecord;
  updateOrder(id: number, body: Readonly<Record<string, unknown>>): OrderRecord;
  /** `DELETE` without `force`: to the trash (fires `order.deleted`). */
  trashOrder(id: number): OrderRecord;
  /** `DELETE` with `force`: gone, with its notes; no webhook. */
  deleteOrder(id: number): OrderRecord;
  addNote(orderId: number, note: Omit<NoteRecord, 'id' | 'orderId' | 'createdGmt'>): NoteRecord;
  /** Changes an order's meta as code on the shop would (`update_meta_data` + `save`). */
  updateMeta(id: number, change: (meta: readonly MetaRow[]) => MetaRow[]): OrderRecord;
  generate(options: GenerateOrdersOptions): number;
  nextOrderMetaId(): number;
}

const sequence = (start: number) => {
  let next = start;
  return () => next++;
};

/**
 * A shop with the fixture users and products and no orders.
 *
 * @example
 * const shop = createShop({ zone, currency: 'CHF', pricesIncludeTax: false, wcVersion: '10.2.2', now: Date.now, random, origin });
 * shop.createOrder({ line_items: [{ sku: 'BOT-750', quantity: 2 }] });
 */
export function createShop(settings: ShopSettings): Shop {
  const nextPostId = sequence(100);
  const nextItemId = sequence(1);
  const nextOrderMetaId = sequence(1);
  const nextItemMetaId = sequence(1);
  const orders = createOrderStore();
  const notes = createNoteStore();
  const products = new Map<number, ProductRecord>();
  const created = toSeconds(settings.now()) - 400 * 86_400_000;
  for (const fixture of PRODUCTS) {
    const id = nextPostId();
    products.set(id, {
      ...fixture,
      id,
      slug: slugify(fixture.name),
      virtual: false,
      downloadable: false,
      createdGmt: created,
      modifiedGmt: created,
    });
  }
  const now = () => toSeconds(settings.now());

  const writeContext = (): OrderWriteContext => ({
    now: now(),
    currency: settings.currency,
    pricesIncludeTax: settings.pricesIncludeTax,
    wcVersion: settings.wcVersion,
    nextOrderId: nextPostId,
    nextItemId,
    nextOrderMetaId,
    nextItemMetaId,
    product: (id) => products.get(id),
    productBySku: (sku) => [...products.values()].find((product) => product.sku === sku),
    userExists: (id) => USERS.some((user) => user.id === id),
    randomKey: () => randomString(settings.random, 13),
  });

  const systemNotes = (orderId: number, list: readonly SystemNote[]) => {
    for (const { note } of list) {
      notes.add({
        orderId,
        createdGmt: now(),
        content: note,
        customerNote: false,
        author: SYSTEM_AUTHOR,
      });
    }
  };

  const existing = (id: number) => {
    const order = orders.get(id);
    if (order === undefined)
      throw new WpError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', 404);
    return order;
  };

  const shop: Shop = {
    settings,
    orders,
    notes,
    products,
    users: USERS,
    webhooks: undefined,
    restInsertHooks: [],
    user: (id) => USERS.find((user) => user.id === id),
    format: (order, options = {}) =>
      formatOrder(order, {
        zone: settings.zone,
        origin: settings.origin,
        product: (id) => products.get(id),
        ...options,
      }),
    createOrder(body) {
      let result: ReturnType<typeof writeOrder>;
      try {
        result = writeOrder(undefined, body, writeContext());
      } catch (error) {
        if (error instanceof DraftLeftBehindError) orders.put(error.draft);
        throw error;
      }
      orders.put(result.order);
      systemNotes(result.order.id, result.notes);
      // woocommerce_new_order, then the saves after it: order.updated fires for new orders too.
      shop.webhooks?.emit('order', 'created', result.order.id);
      shop.webhooks?.emit('order', 'updated', result.order.id);
      return result.order;
    },
    updateOrder(id, body) {
      const result = writeOrder(existing(id), body, writeContext());
      orders.put(result.order);
      systemNotes(id, result.notes);
      shop.webhooks?.emit('order', 'updated', id);
      return result.order;
    },
    trashOrder(id) {
      const order = existing(id);
      orders.put({
        ...order,
        status: 'trash',
        statusBeforeTrash: order.status,
        modifiedGmt: now(),
      });
      shop.webhooks?.emit('order', 'deleted', id);
      return order;
    },
    deleteOrder(id) {
      const order = existing(id);
      orders.delete(id);
      notes.deleteForOrder(id);
      return order;
    },
    addNote(orderId, note) {
      existing(orderId);
      return notes.add({ ...note, orderId, createdGmt: now() });
    },
    updateMeta(id, change) {
      const order = existing(id);
      const next = { ...order, meta: change(order.meta), modifiedGmt: now() };
      orders.put(next);
      shop.webhooks?.emit('order', 'updated', id);
      return next;
    },
    generate(options) {
      const generated = generateOrders(
        options,
        {
          random: options.seed === undefined ? settings.random : createSeededRandom(options.seed),
          products: [...products.values()],
          currency: settings.currency,
          wcVersion: settings.wcVersion,
          nextOrderId: nextPostId,
          nextItemId,
          nextOrderMetaId,
        },
        now(),
      );
      orders.load(generated);
      return generated.length;
    },
    nextOrderMetaId,
  };
  return shop;
}
