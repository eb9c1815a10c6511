// The shop every program of the install check runs: variant 2 against the mock Post server
// whose addresses the test passes in PICKPOST_INSTALL.
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
