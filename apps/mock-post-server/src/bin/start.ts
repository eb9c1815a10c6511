#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEMO_CLIENT } from '../clients';
import { createMockPostServer } from '../server';

// `pnpm --filter @pickpost/mock-post-server start [--port N] [--sftp]` (or PORT=N): serves until
// stopped. `--sftp` adds the DataTransfer SFTP server with the demo client's credentials.
const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, sftp: { type: 'boolean' } },
});
const port = Number(values.port ?? process.env.PORT ?? 0);
const server = await createMockPostServer({
  port,
  host: values.host ?? '127.0.0.1',
  ...(values.sftp
    ? {
        sftp: {
          accounts: [
            {
              username: DEMO_CLIENT.clientId,
              password: DEMO_CLIENT.clientSecret,
              frankingLicenses: DEMO_CLIENT.frankingLicenses,
            },
          ],
        },
      }
    : {}),
});
console.log(`Mock Swiss Post server listening on ${server.url}`);
console.log(
  `  client id "${DEMO_CLIENT.clientId}", franking licences ${DEMO_CLIENT.frankingLicenses.join(', ')}`,
);
for (const [service, url] of Object.entries(server.baseUrls))
  console.log(`  ${service.padEnd(9)} ${url}`);
if (server.sftp !== undefined) {
  console.log(
    `  sftp      sftp://${DEMO_CLIENT.clientId}@${server.sftp.host}:${server.sftp.port} (password "${DEMO_CLIENT.clientSecret}"), host key ${server.sftp.hostKeyFingerprint}`,
  );
  console.log(`            files land in ${server.sftp.accountDir(DEMO_CLIENT.clientId)}`);
}

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
