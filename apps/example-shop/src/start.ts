#!/usr/bin/env node
// `pnpm --filter example-shop start [--port N] [--variant 1|2|3|4a|4b] [--data-dir DIR]`: the
// example shop on the mock Swiss Post server, both in this process. Nothing reaches Swiss Post.
// Its data goes to DIR, or to a new private temporary folder each start.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Variant } from '@pickpost/core';
import { createPickPost, VARIANT_PLANS, VariantSchema } from '@pickpost/core';
import { createMockPostServer, DEMO_CLIENT } from '@pickpost/mock-post-server';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { createExampleShop } from './app';
import { resolveDataDir } from './data-dir';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    variant: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
  },
});
const variant: Variant = VariantSchema.parse(values.variant);
const post = await createMockPostServer();
const dir = await resolveDataDir(values['data-dir']);
const store = createSqliteStateStore({ filename: join(dir, `shop-${variant}.db`) });
const plan = VARIANT_PLANS[variant];
const pickpost = createPickPost(
  {
    variant,
    frankingLicense: '60013217',
    sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
    post: {
      // Variant 4b calls no credentialed service: only the keyless location search.
      ...(plan.pickpostWebService || plan.barcode === 'barcode-webservice'
        ? { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret }
        : {}),
      baseUrls: post.baseUrls,
    },
    ...(plan.shipmentData === 'datatransfer'
      ? { dataTransfer: { transport: { type: 'directory', dir: join(dir, 'datatransfer') } } }
      : {}),
    selectionSecret: 'example-shop-selection-secret-not-for-production',
  },
  { store },
);
const { app } = createExampleShop({ pickpost });
const server = app.listen(Number(values.port ?? process.env.PORT ?? 3000), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(
    `Example shop (variant ${variant}) on http://127.0.0.1:${port}/ against the mock Post server ${post.url}; data in ${dir}`,
  );
});
const stop = () =>
  server.close(() => void Promise.all([post.close(), store.close()]).then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
