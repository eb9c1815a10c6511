// A Medusa application's boot, as far as the fulfillment provider goes: Medusa's own module
// provider loader resolves `@pickpost/medusa` by the name a shop writes in `medusa-config.ts`,
// checks its options and registers the provider, which then lists its fulfillment options.
// Prints `{ options, refused }`: the option ids, and the loader's error for a bad option.
const { asValue } = require('@medusajs/framework/awilix');
const { moduleProviderLoader } = require('@medusajs/framework/modules-sdk');
const { createMedusaContainer } = require('@medusajs/framework/utils');

const { dir } = JSON.parse(process.env.PICKPOST_INSTALL ?? '{}');
// Medusa logs to the logger it is given; stderr keeps stdout for the result.
const logger = Object.fromEntries(
  ['info', 'warn', 'error', 'debug', 'log', 'activity', 'progress', 'success', 'failure'].map(
    (level) => [level, (...args) => console.error(level, ...args)],
  ),
);
const options = {
  variant: '4b',
  frankingLicense: '60013217',
  sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
  dataTransfer: { transport: { type: 'directory', dir: `${dir}/medusa-outbox` } },
  selectionSecret: 'a-selection-secret-of-the-shop-0123456789',
  store: { type: 'memory' },
};

async function load(providerOptions) {
  const container = createMedusaContainer();
  container.register({ logger: asValue(logger) });
  await moduleProviderLoader({
    container,
    providers: [{ resolve: '@pickpost/medusa', id: 'pickpost', options: providerOptions }],
  });
  return container;
}

(async () => {
  const container = await load(options);
  const provider = container.resolve('pickPostFulfillmentProvider');
  const fulfillmentOptions = await provider.getFulfillmentOptions();
  const refused = await load({ ...options, frankingLicense: 'ABC' }).then(
    () => undefined,
    (error) => error.message,
  );
  console.log(JSON.stringify({ options: fulfillmentOptions.map((option) => option.id), refused }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
