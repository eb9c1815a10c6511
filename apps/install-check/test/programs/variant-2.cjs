// The same as variant-2.mjs with the packages loaded by require(): what Medusa and other
// CommonJS hosts do. (The shared journey is an ES module, imported dynamically.)
const { createPickPost } = require('@pickpost/core');
const { createSqliteStateStore } = require('@pickpost/store-sqlite');

import('./shop.mjs')
  .then(({ runVariant2 }) => runVariant2('cjs', { createPickPost, createSqliteStateStore }))
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
