#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createMockWooCommerce } from '../server';

// `pnpm --filter @pickpost/mock-woocommerce start [--port N] [--https-port N] [--orders N]
// [--shipment-tracking] [--basic-over-http]` (or PORT=N): serves until stopped.
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'https-port': { type: 'string' },
    orders: { type: 'string' },
    timezone: { type: 'string' },
    'shipment-tracking': { type: 'boolean' },
    'basic-over-http': { type: 'boolean' },
  },
});
const woo = await createMockWooCommerce({
  port: Number(values.port ?? process.env.PORT ?? 0),
  httpsPort: Number(values['https-port'] ?? 0),
  orders: Number(values.orders ?? 25),
  ...(values.timezone === undefined ? {} : { timezone: values.timezone }),
  shipmentTracking: values['shipment-tracking'] === true,
  basicAuthOverHttp: values['basic-over-http'] === true,
});
console.log(`Mock WooCommerce listening on ${woo.url} (REST: ${woo.url}/wp-json/wc/v3/)`);
if (woo.httpsUrl !== undefined) console.log(`  https     ${woo.httpsUrl} (self-signed; curl -k)`);
console.log(`  orders    ${woo.state.orderCount}, time zone ${woo.shop.settings.zone.name}`);
for (const key of woo.keys) {
  console.log(`  ${key.permissions.padEnd(10)} consumer key ${key.consumerKey}`);
  console.log(`  ${''.padEnd(10)} secret       ${key.consumerSecret}`);
}
if (woo.httpsUrl !== undefined) {
  const [first] = woo.keys;
  if (first !== undefined) {
    console.log(
      `  try: curl -k -u ${first.consumerKey}:${first.consumerSecret} '${woo.httpsUrl}/wp-json/wc/v3/orders?per_page=2'`,
    );
  }
}

const stop = async () => {
  await woo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
