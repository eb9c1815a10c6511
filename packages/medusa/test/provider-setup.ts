import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer, demoPostOptions } from '@pickpost/mock-post-server';
import { HANS_MUSTER_CUSTOMER, VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterAll, beforeAll } from 'vitest';
import type { PickPostMethodData } from '../src/index';
import { PickPostFulfillmentProvider } from '../src/index';

export const SELECTION_SECRET = 'medusa-selection-secret-0123456789abcdef';

/**
 * Provider options for variant 2 against the mock Post server: PickPost registration at
 * checkout, labels drawn here, DataTransfer files into a temporary directory.
 */
export function variant2Options(post: MockPostServer, extra: Record<string, unknown> = {}) {
  return {
    variant: 2,
    frankingLicense: '60013217',
    sender: VELO_SHOP,
    post: demoPostOptions(post),
    dataTransfer: {
      transport: { type: 'directory', dir: mkdtempSync(join(tmpdir(), 'pickpost-medusa-dt-')) },
    },
    selectionSecret: SELECTION_SECRET,
    store: { type: 'memory' },
    prices: [
      { upToGrams: 2000, amount: 7 },
      { upToGrams: 10_000, amount: 9.5 },
      { upToGrams: 30_000, amount: 16 },
    ],
    ...extra,
  };
}

export { MEDUSA_ADDRESS } from './medusa-address';

/** Cart lines with variant weights in grams. */
export const linesOf = (...grams: number[]) =>
  grams.map((weight) => ({ quantity: 1, variant: { weight } }));

/** A cart through checkout: registration, selection, then the shipping method's stored data. */
export async function checkedOutCart(
  provider: PickPostFulfillmentProvider,
  cartId: string,
): Promise<PickPostMethodData> {
  const { pickpost } = provider;
  const [point] = await pickpost.checkout.findPoints({ zip: '3011', kinds: ['pickpost'] });
  const customerRef = `cart:${cartId}`;
  await pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef });
  const { selection } = await pickpost.checkout.selectPoint({
    pointId: point?.id ?? '',
    customerRef,
  });
  return (await provider.validateFulfillmentData(
    { id: 'pickpost-point', kind: 'pickpost' },
    { selection },
    { id: cartId, items: linesOf(900) } as never,
  )) as PickPostMethodData;
}

/**
 * Starts the mock Post server before the file's tests (stopped after them) and makes a variant 2
 * provider on it; the getter is valid inside tests and later hooks.
 */
export function useMockProvider(): () => {
  post: MockPostServer;
  provider: PickPostFulfillmentProvider;
} {
  let made: { post: MockPostServer; provider: PickPostFulfillmentProvider } | undefined;
  beforeAll(async () => {
    const post = await createMockPostServer();
    made = { post, provider: new PickPostFulfillmentProvider({}, variant2Options(post)) };
  });
  afterAll(() => made?.post.close());
  return () => {
    if (made === undefined) throw new Error('the mock Post server is not running');
    return made;
  };
}
