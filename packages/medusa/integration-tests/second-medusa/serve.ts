// A second Medusa server process on the database of the suite's own Medusa, as a shop runs
// two instances behind a load balancer. It boots the test application (integration-tests/app)
// the way Medusa's test runner does (Medusa's loaders on an Express app), compiled by tsx rather
// than Jest, tells its parent the port it listens on, and shuts down when the parent says so.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// Express is Medusa's own dependency: take the copy Medusa's framework uses.
const express = createRequire(require.resolve('@medusajs/framework'))('express') as () => {
  listen(port: number, host: string, done: () => void): import('node:http').Server;
};
const loaders = require('@medusajs/medusa/loaders/index').default as (input: {
  directory: string;
  expressApp: unknown;
}) => Promise<{ shutdown(): Promise<void> }>;

const app = express();
const { shutdown } = await loaders({
  directory: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'app'),
  expressApp: app,
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', async (message) => {
  if (message !== 'stop') return;
  server.close();
  await shutdown();
  process.exit(0);
});
