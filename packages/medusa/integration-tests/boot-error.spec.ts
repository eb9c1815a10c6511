import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it, jest } from '@jest/globals';
import { asValue } from '@medusajs/framework/awilix';
import { moduleProviderLoader } from '@medusajs/framework/modules-sdk';
import { createMedusaContainer } from '@medusajs/framework/utils';

jest.setTimeout(60_000);

const SECRET = 'super-secret-post-client-value-0123456789';

/**
 * What the fulfillment module does with each provider of `medusa-config.ts` at boot: Medusa's own
 * provider loader imports the package by its `resolve` path and calls `validateOptions`.
 */
const container = createMedusaContainer();
container.register({ logger: asValue(console) });
const load = (options: Record<string, unknown>) =>
  moduleProviderLoader({
    container,
    providers: [{ resolve: path.join(__dirname, '..', 'src'), id: 'pickpost', options }],
  });

it('a bad provider option stops the boot with the field named and no secret shown', async () => {
  const error = await load({
    variant: 2,
    frankingLicense: 'ABC',
    sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
    post: { clientId: 'velo-shop', clientSecret: SECRET },
    selectionSecret: SECRET.slice(0, 10),
    prices: [{ upToGrams: 2000, amount: -1 }],
    store: { type: 'memory' },
  }).then(
    () => undefined,
    (reason: Error) => reason,
  );
  expect(error?.message).toMatch(/^@pickpost\/medusa provider options: /);
  for (const field of ['frankingLicense', 'selectionSecret', 'dataTransfer', 'prices[0].amount']) {
    expect(error?.message).toContain(field);
  }
  expect(error?.message).not.toContain(SECRET.slice(0, 10));
});

it('a good configuration loads the provider as pickpost', async () => {
  await load({
    variant: '4b',
    frankingLicense: '60013217',
    sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
    dataTransfer: { transport: { type: 'directory', dir: '/tmp/pickpost-boot-test' } },
    selectionSecret: SECRET,
    store: { type: 'memory' },
  });
  const provider = container.resolve('pickPostFulfillmentProvider') as {
    getFulfillmentOptions(): Promise<Array<{ id: string }>>;
  };
  expect((await provider.getFulfillmentOptions()).map((option) => option.id)).toContain(
    'pickpost-point',
  );
});

/** Medusa's test database server, as global-setup.mjs set it up. */
const databaseUrl = () =>
  `postgres://${encodeURIComponent(process.env.DB_USERNAME ?? '')}:${encodeURIComponent(process.env.DB_PASSWORD ?? '')}@${process.env.DB_HOST}:${process.env.DB_PORT}/${process.env.DB_WAITINGROOM_DATABASE ?? 'postgres'}`;

it('a real Medusa boot with a bad option fails, the field named, no secret in any output', () => {
  const packageDir = path.join(__dirname, '..');
  const child = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--config',
      'jest.config.cjs',
      '--runInBand',
      '--forceExit',
      '--testMatch',
      path.join(__dirname, 'boot', '*.boot.ts'),
    ],
    {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 150_000,
      env: {
        ...process.env,
        NODE_OPTIONS: '--experimental-vm-modules',
        DATABASE_URL: databaseUrl(),
        PICKPOST_TEST_OPTIONS: JSON.stringify({
          frankingLicense: 'ABC',
          selectionSecret: SECRET,
          post: { clientId: 'velo-shop', clientSecret: SECRET },
        }),
      },
    },
  );
  const output = `${child.stdout}${child.stderr}`;
  expect(child.status).not.toBe(0);
  expect(output).toContain('@pickpost/medusa provider options');
  expect(output).toContain('frankingLicense');
  expect(output).not.toContain(SECRET);
});
