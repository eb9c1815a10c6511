import { isPickPostError, parseIdentcode } from '@pickpost/core';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { Shop } from './setup';
import { checkoutAt, openShop } from './setup';

let shop: Shop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** The Swiss Post calls a shop made, by service (and location operation). */
function calls(post: MockPostServer) {
  const locations = (operation: string) =>
    post.state.requests.filter((request) => request.path.endsWith(`/${operation}`)).length;
  return {
    token: post.state.count('token'),
    pickpost: post.state.count('pickpost'),
    barcode: post.state.count('barcode'),
    address: post.state.count('address'),
    geocode: locations('Geocode'),
    poi: locations('Poi'),
    find: locations('Find') > 0,
  };
}

/** What the Post received by DataTransfer (after every delivered file was ingested). */
async function dataTransferItems(post: MockPostServer) {
  await post.sftp?.settled();
  return post.state.shipments.filter((shipment) => shipment.source === 'datatransfer');
}

const order = (selection: string, customerRef: string, orderRef = '1042') => ({
  orderRef,
  selection,
  customerRef,
  recipient: HANS_MUSTER_CUSTOMER,
  parcel: { weightGrams: 1200 },
});

describe('variant 1: PickPost web service + Barcode web service', () => {
  it('registers the customer, gets the label from the Barcode web service, which sends the data', async () => {
    shop = await openShop(1);
    const { selection, customerRef, customer, point } = await checkoutAt(shop);
    const result = await shop.pickpost.fulfil(order(selection, customerRef));
    expect(result).toMatchObject({
      transmission: 'barcode-webservice',
      fallback: false,
      pickpostId: customer?.pickpostId,
    });
    expect(Buffer.from(result.label.data).subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.trackingUrl).toBe(
      `https://service.post.ch/ekp-web/ui/entry/search/${result.identcode}?lang=de`,
    );
    expect(calls(shop.post)).toEqual({
      token: 2,
      pickpost: 1,
      barcode: 1,
      address: 0,
      geocode: 1,
      poi: 1,
      find: true,
    });
    expect(shop.post.state.shipments).toEqual([
      expect.objectContaining({
        source: 'barcode-webservice',
        identcode: result.identcode,
        recipient: expect.objectContaining({
          name2: `PickPost ${customer?.pickpostId}`,
          zip: point.zip,
        }),
      }),
    ]);
    await expect(shop.pickpost.flushDataTransfer()).rejects.toMatchObject({
      code: 'NOT_IN_VARIANT',
    });
  });
});

describe('variant 2: PickPost web service + self-generated barcodes + DataTransfer', () => {
  it('registers the customer, renders the label locally and delivers the data by DataTransfer', async () => {
    shop = await openShop(2);
    const { selection, customerRef, customer } = await checkoutAt(shop);
    const result = await shop.pickpost.fulfil(order(selection, customerRef));
    expect(result).toMatchObject({
      transmission: 'datatransfer',
      pickpostId: customer?.pickpostId,
    });
    expect(parseIdentcode(result.identcode).frankingLicense).toBe('60013217');
    expect(Buffer.from(result.label.data).subarray(0, 5).toString()).toBe('%PDF-');
    const report = await shop.pickpost.flushDataTransfer();
    expect(report.delivered).toBe(1);
    expect(calls(shop.post)).toEqual({
      token: 1,
      pickpost: 1,
      barcode: 0,
      address: 0,
      geocode: 1,
      poi: 1,
      find: true,
    });
    const items = await dataTransferItems(shop.post);
    expect(items).toEqual([
      expect.objectContaining({
        identcode: result.identcode,
        recipient: expect.objectContaining({ name2: `PickPost ${customer?.pickpostId}` }),
      }),
    ]);
    expect(shop.post.state.dataTransferFiles).toEqual([
      expect.objectContaining({ fileName: report.files[0]?.fileName, accepted: 1, rejected: [] }),
    ]);
  });
});

describe('identcodes from the shop’s own shipping system', () => {
  it('are carried in the DataTransfer file beside the SDK’s own, each once, and the Post accepts them', async () => {
    shop = await openShop(2);
    const { selection, customerRef } = await checkoutAt(shop);
    const ownSdk = await shop.pickpost.fulfil(order(selection, customerRef, '2001'));
    const { frankingLicense } = parseIdentcode(ownSdk.identcode);
    // A number of the (default) range the SDK has not reached, as a shipping system would use.
    const itemNumber = 99_999_998;
    const printed = `99${frankingLicense}${String(itemNumber).padStart(8, '0')}`;
    const brought = await shop.pickpost.fulfil({
      ...order(selection, customerRef, '2002'),
      identcode: printed,
    });
    expect(brought).toMatchObject({ identcode: printed, transmission: 'datatransfer' });
    expect(brought.label).toBeUndefined();
    // The same number for another parcel is refused, naming it.
    await expect(
      shop.pickpost.fulfil({ ...order(selection, customerRef, '2003'), identcode: printed }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'identcode', code: 'reused' })],
    });
    const report = await shop.pickpost.flushDataTransfer();
    expect(report.delivered).toBe(2);
    const items = await dataTransferItems(shop.post);
    expect(items.map((item) => item.identcode).sort()).toEqual([ownSdk.identcode, printed].sort());
    expect(shop.post.state.dataTransferFiles).toEqual([
      expect.objectContaining({ accepted: 2, rejected: [] }),
    ]);
  });
});

describe('variant 3: PickPost web service + self-generated barcodes, no shipment data', () => {
  it('registers the customer and renders the label, and sends nothing else', async () => {
    shop = await openShop(3);
    const { selection, customerRef } = await checkoutAt(shop);
    const result = await shop.pickpost.fulfil(order(selection, customerRef));
    expect(result.transmission).toBe('none');
    expect(calls(shop.post)).toEqual({
      token: 1,
      pickpost: 1,
      barcode: 0,
      address: 0,
      geocode: 1,
      poi: 1,
      find: true,
    });
    await expect(shop.pickpost.flushDataTransfer()).rejects.toMatchObject({
      code: 'NOT_IN_VARIANT',
    });
    expect(shop.post.state.shipments).toEqual([]);
  });
});

describe('variant 4a: no PickPost ID, Barcode web service', () => {
  it('makes no PickPost web service call, and the label has no ID line', async () => {
    shop = await openShop('4a');
    const error = await shop.pickpost.checkout
      .registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef: 'c' })
      .catch((thrown: unknown) => thrown);
    expect(isPickPostError(error) && error.code).toBe('NOT_IN_VARIANT');
    const { selection, customerRef } = await checkoutAt(shop);
    const result = await shop.pickpost.fulfil(order(selection, customerRef));
    expect(result).toMatchObject({ transmission: 'barcode-webservice', pickpostId: undefined });
    expect(calls(shop.post)).toEqual({
      token: 1,
      pickpost: 0,
      barcode: 1,
      address: 0,
      geocode: 1,
      poi: 1,
      find: true,
    });
    expect(shop.post.state.shipments[0]?.recipient.name2).toBeUndefined();
  });
});

describe('variant 4b: no PickPost ID, self-generated barcodes + DataTransfer', () => {
  it('uses no Swiss Post web service at all besides the point search', async () => {
    shop = await openShop('4b');
    const { selection, customerRef } = await checkoutAt(shop);
    await expect(
      shop.pickpost.checkout.selectPoint({ pointId: 'x', customerRef, pickpostId: '12345678' }),
    ).rejects.toMatchObject({ code: 'NOT_IN_VARIANT' });
    const result = await shop.pickpost.fulfil(order(selection, customerRef));
    expect(result.transmission).toBe('datatransfer');
    await shop.pickpost.flushDataTransfer();
    expect(calls(shop.post)).toEqual({
      token: 0,
      pickpost: 0,
      barcode: 0,
      address: 0,
      geocode: 1,
      poi: 1,
      find: true,
    });
    const [item] = await dataTransferItems(shop.post);
    expect(item?.identcode).toBe(result.identcode);
    expect(item?.recipient.name2).toBeUndefined();
  });
});

describe('idempotency', () => {
  it('ten concurrent fulfil calls make one label, and a later retry returns it again', async () => {
    shop = await openShop(1);
    const { selection, customerRef } = await checkoutAt(shop);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => shop?.pickpost.fulfil(order(selection, customerRef))),
    );
    const identcodes = new Set(results.map((result) => result?.identcode));
    expect(identcodes.size).toBe(1);
    expect(shop.post.state.count('barcode')).toBe(1);
    const again = await shop.pickpost.fulfil(order(selection, customerRef));
    expect(again.identcode).toBe(results[0]?.identcode);
    expect(Buffer.from(again.label.data).equals(Buffer.from(results[0]?.label.data ?? []))).toBe(
      true,
    );
    expect(shop.post.state.count('barcode')).toBe(1);
    expect((await shop.pickpost.findByIdentcode(again.identcode))?.orderRef).toBe('1042');
  });

  it('a second parcel of the same order gets its own identcode; a returning customer is not registered again', async () => {
    shop = await openShop(3);
    const first = await checkoutAt(shop);
    const second = await checkoutAt(shop);
    expect(shop.post.state.count('pickpost')).toBe(1);
    const a = await shop.pickpost.fulfil(order(first.selection, first.customerRef));
    const b = await shop.pickpost.fulfil({
      ...order(second.selection, second.customerRef),
      parcelIndex: 1,
    });
    expect(a.identcode).not.toBe(b.identcode);
  });
});

describe('selections', () => {
  it('refuses a tampered selection', async () => {
    shop = await openShop(3);
    const { selection, customerRef } = await checkoutAt(shop);
    const [body, signature] = selection.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    payload.pickpostId = '99999999';
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    await expect(shop.pickpost.fulfil(order(forged, customerRef))).rejects.toMatchObject({
      code: 'SELECTION_INVALID',
    });
    await expect(
      shop.pickpost.fulfil(order(`${body}.${'A'.repeat(43)}`, customerRef)),
    ).rejects.toMatchObject({ code: 'SELECTION_INVALID' });
    await expect(shop.pickpost.fulfil(order(selection, 'another-customer'))).rejects.toMatchObject({
      code: 'SELECTION_INVALID',
    });
  });

  it('refuses an expired selection', async () => {
    shop = await openShop(3, { config: { selectionTtlDays: 1 } });
    const { selection, customerRef } = await checkoutAt(shop);
    const realNow = Date.now;
    Date.now = () => realNow() + 2 * 24 * 3600 * 1000;
    try {
      await expect(shop.pickpost.fulfil(order(selection, customerRef))).rejects.toMatchObject({
        code: 'SELECTION_EXPIRED',
      });
    } finally {
      Date.now = realNow;
    }
  });

  it('refuses a point that does not exist or cannot take the parcel', async () => {
    shop = await openShop(3);
    await shop.pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef: 'c1' });
    await expect(
      shop.pickpost.checkout.selectPoint({ pointId: 'gone', customerRef: 'c1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [terminal] = await shop.pickpost.checkout.findPoints({
      zip: '8001',
      kinds: ['mypost24'],
    });
    await expect(
      shop.pickpost.checkout.selectPoint({
        pointId: terminal?.id ?? '',
        customerRef: 'c1',
        parcel: { weightGrams: 5000, przl: ['PRI', 'SP'] },
      }),
    ).rejects.toThrow(
      /pointId: cannot take this parcel: a My Post 24 terminal cannot take parcels with SP/,
    );
  });
});

describe('fulfil checks the parcel against the point again', () => {
  it('refuses a parcel heavier than a pick-up point takes', async () => {
    shop = await openShop(3);
    const { selection, customerRef } = await checkoutAt(shop);
    await expect(
      shop.pickpost.fulfil({ ...order(selection, customerRef), parcel: { weightGrams: 35_000 } }),
    ).rejects.toThrow(/parcel: does not suit the chosen point: the parcel weighs 35000 g/);
  });
});

describe('fallback of variant 1', () => {
  it('makes the label locally and queues DataTransfer when the Barcode web service is down', async () => {
    shop = await openShop(1, { config: { fallback: 'self-generated' } });
    const { selection, customerRef } = await checkoutAt(shop);
    shop.post.setFaults('barcode', { errorRate: 1, errorStatus: 503 });
    const result = await shop.pickpost.fulfil(order(selection, customerRef));
    expect(result).toMatchObject({ transmission: 'datatransfer', fallback: true });
    expect(shop.post.state.shipments).toEqual([]);
    expect(await shop.pickpost.dataTransferCounts()).toEqual({
      pending: 1,
      claimed: 0,
      delivered: 0,
    });
    await shop.pickpost.flushDataTransfer();
    expect((await dataTransferItems(shop.post)).map((item) => item.identcode)).toEqual([
      result.identcode,
    ]);
  });

  it('does not fall back when an attempt may have registered the parcel, and a retry resolves it', async () => {
    shop = await openShop(1, { config: { fallback: 'self-generated' } });
    const { selection, customerRef } = await checkoutAt(shop);
    shop.post.setFaults('barcode', { dropRate: 1, dropWhen: 'after' });
    await expect(shop.pickpost.fulfil(order(selection, customerRef))).rejects.toMatchObject({
      code: 'POST_NETWORK_ERROR',
    });
    expect(await shop.pickpost.dataTransferCounts()).toEqual({
      pending: 0,
      claimed: 0,
      delivered: 0,
    });
    shop.post.setFaults('barcode', undefined);
    const result = await shop.pickpost.fulfil(order(selection, customerRef));
    // Several attempts reached the Post, all with one item number: one shipment, the label made locally.
    expect(shop.post.state.shipments).toHaveLength(1);
    expect(result.identcode).toBe(shop.post.state.shipments[0]?.identcode);
    expect(result.transmission).toBe('barcode-webservice');
  });
});

describe('returns', () => {
  it.each([[1], [2], [3], ['4a'], ['4b']] as const)(
    'variant %s makes a return label to the shop',
    async (variant) => {
      shop = await openShop(variant);
      const result = await shop.pickpost.createReturn({
        orderRef: '1042',
        customer: HANS_MUSTER_CUSTOMER,
        parcel: { weightGrams: 800 },
      });
      const again = await shop.pickpost.createReturn({
        orderRef: '1042',
        customer: HANS_MUSTER_CUSTOMER,
        parcel: { weightGrams: 800 },
      });
      expect(again.identcode).toBe(result.identcode);
      expect(result.kind).toBe('return');
      if (variant === 1 || variant === '4a') {
        expect(shop.post.state.shipments).toEqual([
          expect.objectContaining({
            identcode: result.identcode,
            recipient: expect.objectContaining({ name1: 'Velo Shop AG', zip: '3030' }),
          }),
        ]);
      } else {
        expect(shop.post.state.count('barcode')).toBe(0);
      }
      expect(result.transmission).toBe(
        variant === 3
          ? 'none'
          : variant === 2 || variant === '4b'
            ? 'datatransfer'
            : 'barcode-webservice',
      );
    },
  );
});
