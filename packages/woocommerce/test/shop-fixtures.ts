import type { MockWooCommerce, MockWooCommerceOptions } from '@pickpost/mock-woocommerce';
import { createMockWooCommerce, DEMO_KEYS } from '@pickpost/mock-woocommerce';
import type { WooClient, WooClientOptions } from '../src/woo-client';
import { createWooClient } from '../src/woo-client';

/** A mock shop on a loopback port, and a client of it with the demo read/write key. */
export async function startShop(
  options: MockWooCommerceOptions = {},
  client: Partial<WooClientOptions> = {},
): Promise<{ shop: MockWooCommerce; woo: WooClient; waits: number[] }> {
  const shop = await createMockWooCommerce({ https: false, webhookRepeat: 1, ...options });
  const waits: number[] = [];
  const woo = createWooClient({
    url: shop.url,
    consumerKey: DEMO_KEYS.readWrite.consumerKey,
    consumerSecret: DEMO_KEYS.readWrite.consumerSecret,
    // Retries are counted, not waited for: the tests check what the client would wait.
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...client,
  });
  return { shop, woo, waits };
}

/** A shipping address in Switzerland. */
export const ADDRESS = {
  first_name: 'Hans',
  last_name: 'Muster',
  address_1: 'Bellerivestrasse 5',
  city: 'Zürich',
  postcode: '8008',
  country: 'CH',
};

/** An order as the shop's checkout makes it, with extra fields (meta, status…) merged in. */
export function orderBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'processing',
    billing: { ...ADDRESS, email: 'hans.muster@example.ch', phone: '+41 44 123 45 67' },
    shipping: ADDRESS,
    line_items: [{ sku: 'BOT-750', quantity: 2 }],
    shipping_lines: [{ method_id: 'pickpost', method_title: 'PickPost', total: '0.00' }],
    ...extra,
  };
}
