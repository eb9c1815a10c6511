// The same as variant-2.mjs through require(): what Medusa and other CommonJS hosts load.
const { createPickPost } = require('@pickpost/core');
const { createSqliteStateStore } = require('@pickpost/store-sqlite');

(async () => {
  const { shop } = await import('./shop.mjs');
  const { config, dir, customer } = shop('cjs');
  const pickpost = createPickPost(config, {
    store: createSqliteStateStore({ filename: `${dir}/cjs.db` }),
  });
  const { pickpostId } = await pickpost.checkout.registerCustomer(customer, {
    customerRef: 'c-1',
  });
  const [point] = await pickpost.checkout.findPoints({ zip: '8001' });
  const { selection } = await pickpost.checkout.selectPoint({
    pointId: point.id,
    pickpostId,
    customerRef: 'c-1',
  });
  const parcel = await pickpost.fulfil({
    orderRef: 'cjs-1',
    selection,
    customerRef: 'c-1',
    recipient: customer,
    parcel: { weightGrams: 1200 },
  });
  const report = await pickpost.flushDataTransfer();
  console.log(
    JSON.stringify({
      identcode: parcel.identcode,
      label: Buffer.from(parcel.label.data.subarray(0, 5)).toString('latin1'),
      files: report.files.map((file) => file.fileName),
      delivered: report.delivered,
    }),
  );
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
