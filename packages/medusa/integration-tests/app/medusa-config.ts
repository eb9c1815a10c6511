import path from 'node:path';
import { defineConfig } from '@medusajs/framework/utils';

// What global-setup.mjs started: the mock Swiss Post server and its SFTP DataTransfer endpoint.
const mock = JSON.parse(process.env.PICKPOST_MOCK_POST ?? '{}');
const db = `postgres://${encodeURIComponent(process.env.DB_USERNAME ?? '')}:${encodeURIComponent(process.env.DB_PASSWORD ?? '')}@${process.env.DB_HOST}:${process.env.DB_PORT}/${process.env.DB_WAITINGROOM_DATABASE ?? 'postgres'}`;

/** The provider options of the suite: variant 2 against the mock (PICKPOST_TEST_OPTIONS adds to them). */
const pickpostOptions = {
  variant: 2,
  frankingLicense: '60013217',
  sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
  post: { clientId: mock.client?.id, clientSecret: mock.client?.secret, baseUrls: mock.baseUrls },
  dataTransfer: {
    transport: {
      type: 'sftp',
      host: mock.sftp?.host,
      port: mock.sftp?.port,
      username: mock.client?.id,
      password: mock.client?.secret,
      hostKeySha256: mock.sftp?.hostKey,
    },
  },
  selectionSecret: 'medusa-integration-selection-secret-0123456789',
  // The plugin's DataTransfer job (ticking every minute) delivers once a day, at 00:00 UTC: the
  // journey runs its ticks itself, and Medusa's own ticks during a run deliver nothing.
  jobs: { dataTransferEveryMinutes: 1440 },
  prices: [
    { upToGrams: 2000, amount: 7 },
    { upToGrams: 30000, amount: 12.5 },
  ],
  // Its own schema per run: the suites share one Postgres server, Medusa's runner resets its
  // database between tests, and the item numbers must survive that like a real shop's.
  store: {
    type: 'postgres',
    connectionString: db,
    schema: process.env.PICKPOST_STORE_SCHEMA ?? 'pickpost',
  },
};
// A suite's own options (another variant): `null` removes a setting.
for (const [key, value] of Object.entries(JSON.parse(process.env.PICKPOST_TEST_OPTIONS ?? '{}'))) {
  if (value === null) delete (pickpostOptions as Record<string, unknown>)[key];
  else (pickpostOptions as Record<string, unknown>)[key] = value;
}

module.exports = defineConfig({
  projectConfig: {
    // A second Medusa process of a suite is pointed at the first one's (the runner's) database.
    databaseUrl: process.env.PICKPOST_APP_DATABASE_URL ?? db,
    http: {
      jwtSecret: 'medusa-integration-jwt-secret',
      cookieSecret: 'medusa-integration-cookie-secret',
      storeCors: 'http://localhost',
      adminCors: 'http://localhost',
      authCors: 'http://localhost',
    },
  },
  admin: { disable: true },
  // The package's routes, middlewares and jobs, by the name a shop writes (global-setup.mjs links
  // it into this application's node_modules); this application has no src/ of its own.
  plugins: ['@pickpost/medusa'],
  modules: [
    {
      resolve: '@medusajs/medusa/fulfillment',
      options: {
        providers: [
          { resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' },
          {
            resolve: path.join(__dirname, '..', '..', 'src'),
            id: 'pickpost',
            options: pickpostOptions,
          },
        ],
      },
    },
  ],
});
