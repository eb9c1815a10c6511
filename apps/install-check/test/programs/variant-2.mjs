// Variant 2 from the installed tarballs, as ES modules: a label and a DataTransfer file.
import { createPickPost } from '@pickpost/core';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { shop } from './shop.mjs';

const { config, dir, customer } = shop('esm');
const pickpost = createPickPost(config, {
  store: createSqliteStateStore({ filename: `${dir}/esm.db` }),
});
const { pickpostId } = await pickpost.checkout.registerCustomer(customer, { customerRef: 'c-1' });
const [point] = await pickpost.checkout.findPoints({ zip: '8001' });
const { selection } = await pickpost.checkout.selectPoint({
  pointId: point.id,
  pickpostId,
  customerRef: 'c-1',
});
const parcel = await pickpost.fulfil({
  orderRef: 'esm-1',
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
