import { ADDRESSES } from '../fixtures';
import { parseDecimal } from '../format';
import type { MetaRow } from '../meta';
import type { ProductRecord } from '../products';
import type { Random } from '../random';
import { randomInt, randomString } from '../random';
import type { Address, LineItemRecord, OrderRecord, OrderStatus } from './order-record';

/** How many orders to generate and over which period. */
export interface GenerateOrdersOptions {
  count: number;
  /** Seed of the generator (default: the simulator's seed). */
  seed?: number;
  /** First and last creation date, UTC ms (default: the last 365 days). */
  from?: number;
  to?: number;
}

export interface GeneratorContext {
  random: Random;
  products: readonly ProductRecord[];
  currency: string;
  wcVersion: string;
  nextOrderId(): number;
  nextItemId(): number;
  nextOrderMetaId(): number;
}

// Roughly a live shop's mix: most orders done, some in progress, a few stuck.
const STATUS_MIX: readonly [OrderStatus, number][] = [
  ['completed', 0.62],
  ['processing', 0.2],
  ['on-hold', 0.05],
  ['pending', 0.05],
  ['cancelled', 0.04],
  ['refunded', 0.02],
  ['failed', 0.02],
];

const NO_META: readonly MetaRow[] = Object.freeze([]);

function pickStatus(random: Random): OrderStatus {
  let roll = random();
  for (const [status, share] of STATUS_MIX) {
    roll -= share;
    if (roll < 0) return status;
  }
  return 'completed';
}

/**
 * Orders as a year of checkout would leave them: one to three products, one shipping line,
 * creation dates spread over the period, some modified later, paid and completed dates that fit
 * their status. Addresses are shared between orders (records are never changed in place), which
 * keeps 100,000 orders in a few hundred megabytes.
 *
 * @example
 * const orders = generateOrders({ count: 250 }, context, Date.now());
 */
export function generateOrders(
  options: GenerateOrdersOptions,
  context: GeneratorContext,
  now: number,
): OrderRecord[] {
  const { random, products } = context;
  const to = options.to ?? now;
  const from = options.from ?? to - 365 * 86_400_000;
  const shippingAddresses: readonly Address[] = ADDRESSES.map(
    ({ email: _email, ...address }) => address,
  );
  const created = Array.from({ length: options.count }, () => from + random() * (to - from)).sort(
    (a, b) => a - b,
  );
  return created.map((createdAt) => {
    const createdGmt = Math.floor(createdAt / 1000) * 1000;
    const modifiedGmt = Math.min(
      to,
      createdGmt + Math.floor(random() * 3) * 3_600_000 * randomInt(random, 0, 48),
    );
    const status = pickStatus(random);
    const addressIndex = randomInt(random, 0, ADDRESSES.length - 1);
    const lineItems: LineItemRecord[] = [];
    for (let i = randomInt(random, 1, 3); i > 0; i--) {
      const product = products[randomInt(random, 0, products.length - 1)] as ProductRecord;
      const quantity = randomInt(random, 1, 3);
      const total = parseDecimal(product.price) * quantity;
      lineItems.push({
        id: context.nextItemId(),
        name: product.name,
        productId: product.id,
        variationId: 0,
        quantity,
        taxClass: '',
        subtotal: total,
        total,
        meta: NO_META,
      });
    }
    const paid = status === 'completed' || status === 'processing' || status === 'refunded';
    return {
      id: context.nextOrderId(),
      parentId: 0,
      orderKey: `wc_order_${randomString(random, 13)}`,
      createdVia: 'checkout',
      version: context.wcVersion,
      status,
      currency: context.currency,
      createdGmt,
      modifiedGmt: Math.max(createdGmt, modifiedGmt),
      paidGmt: paid ? createdGmt : null,
      completedGmt: status === 'completed' ? Math.max(createdGmt, modifiedGmt) : null,
      pricesIncludeTax: false,
      customerId: addressIndex < 3 ? addressIndex + 3 : 0,
      customerIpAddress: '203.0.113.7',
      customerUserAgent: 'Mozilla/5.0 (generated)',
      customerNote: '',
      billing: ADDRESSES[addressIndex] as Address,
      shipping: shippingAddresses[addressIndex] as Address,
      paymentMethod: 'twint',
      paymentMethodTitle: 'TWINT',
      transactionId: paid ? randomString(random, 12) : '',
      cartHash: '',
      meta: [{ id: context.nextOrderMetaId(), key: 'is_vat_exempt', value: 'no' }],
      lineItems,
      shippingLines: [
        {
          id: context.nextItemId(),
          methodTitle: 'PostPac Priority',
          methodId: 'flat_rate',
          instanceId: '1',
          total: 9,
          meta: NO_META,
        },
      ],
      feeLines: [],
    };
  });
}
