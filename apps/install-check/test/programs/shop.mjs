// The shop every program of the install check runs: variant 2 against the mock Post server
// whose addresses the test passes in PICKPOST_INSTALL. The programs run outside the workspace,
// so they cannot import the repository's test fixtures: the shop is written out here.
export function shop(name) {
  const { baseUrls, clientId, clientSecret, dir } = JSON.parse(process.env.PICKPOST_INSTALL);
  return {
    dir,
    customer: {
      title: 'Herr',
      firstName: 'Hans',
      name1: 'Muster',
      street: 'Bellerivestrasse',
      houseNo: '5',
      zip: '8008',
      city: 'Zürich',
      email: 'hans.muster@example.ch',
    },
    config: {
      variant: 2,
      frankingLicense: '60013217',
      sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
      selectionSecret: 'install-check-selection-secret-0123456789',
      post: { clientId, clientSecret, baseUrls },
      dataTransfer: { transport: { type: 'directory', dir: `${dir}/outbox-${name}` } },
    },
  };
}

/**
 * One order through variant 2 with the packages the caller loaded (by `import` or `require`):
 * checkout, fulfil, DataTransfer flush. Prints what the test checks, as one JSON line.
 */
export async function runVariant2(name, { createPickPost, createSqliteStateStore }) {
  const { config, dir, customer } = shop(name);
  const pickpost = createPickPost(config, {
    store: createSqliteStateStore({ filename: `${dir}/${name}.db` }),
  });
  const { pickpostId } = await pickpost.checkout.registerCustomer(customer, { customerRef: 'c-1' });
  const [point] = await pickpost.checkout.findPoints({ zip: '8001' });
  const { selection } = await pickpost.checkout.selectPoint({
    pointId: point.id,
    pickpostId,
    customerRef: 'c-1',
  });
  const parcel = await pickpost.fulfil({
    orderRef: `${name}-1`,
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
}
