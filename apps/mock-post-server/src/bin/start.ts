#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEMO_CLIENT } from '../clients';
import { createMockPostServer } from '../server';

// `pnpm --filter @pickpost/mock-post-server start [--port N]` (or PORT=N): serves until stopped.
const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
const port = Number(values.port ?? process.env.PORT ?? 0);
const server = await createMockPostServer({ port, host: values.host ?? '127.0.0.1' });
console.log(`Mock Swiss Post server listening on ${server.url}`);
console.log(
  `  client id "${DEMO_CLIENT.clientId}", franking licences ${DEMO_CLIENT.frankingLicenses.join(', ')}`,
);
for (const [service, url] of Object.entries(server.baseUrls))
  console.log(`  ${service.padEnd(9)} ${url}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
