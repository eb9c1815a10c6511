import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rasterRects, readableBarcodes, readPng, readSvg } from '../../core/test/label-readers';
import type { PickPostFulfillmentData, RouteResponse } from '../src/index';
import { adminBarcodeRoute, PickPostFulfillmentProvider } from '../src/index';
import { checkedOutCart, MEDUSA_ADDRESS, useMockProvider, variant2Options } from './provider-setup';

/**
 * The shop's own documents through the provider: an identcode its shipping system printed
 * (Medusa's `additional_data.identcode`), and the identcode barcode alone for a delivery note
 * (`barcode_url` on every fulfillment, the barcode itself on request).
 */
const mock = useMockProvider();
let provider: PickPostFulfillmentProvider;
let dataTransferDir: string;
beforeAll(() => {
  // A provider of this file's own, whose DataTransfer directory it reads.
  const options = variant2Options(mock().post);
  dataTransferDir = options.dataTransfer.transport.dir;
  provider = new PickPostFulfillmentProvider({}, options);
});

const LICENCE = '60013217';
const ownIdentcode = (itemNumber: number, licence = LICENCE) =>
  `99${licence}${String(itemNumber).padStart(8, '0')}`;

const fulfil = (
  target: PickPostFulfillmentProvider,
  data: unknown,
  orderId: string,
  additionalData?: Record<string, unknown>,
) =>
  target.createFulfillment(
    data as never,
    [{ line_item_id: 'line_1', quantity: 1, title: 'Veloschloss' }] as never,
    { id: orderId, email: 'hans.muster@example.ch', shipping_address: MEDUSA_ADDRESS } as never,
    { id: `ful_${orderId}` } as never,
    additionalData,
  );

/** Medusa's route request and a response that keeps what the route wrote. */
async function getBarcode(identcode: string, query: Record<string, string> = {}) {
  const written: { status: number; headers: Record<string, string>; body: Buffer } = {
    status: 0,
    headers: {},
    body: Buffer.alloc(0),
  };
  const res = {
    statusCode: 200,
    setHeader(name: string, value: string) {
      written.headers[name] = value;
    },
    end(body?: string | Uint8Array) {
      written.status = this.statusCode;
      written.body = Buffer.from(body ?? '');
    },
    write: () => true,
    once: () => undefined,
  } satisfies RouteResponse;
  await adminBarcodeRoute(
    {
      method: 'GET',
      originalUrl: `/admin/pickpost/barcodes/${identcode}`,
      headers: {},
      params: { identcode },
      query,
    },
    res,
  );
  return written;
}

const svgDigits = (svg: string) =>
  readableBarcodes(readSvg(svg).rects)
    .map((code) => code.digits)
    .sort();

describe('an identcode from the shop’s own shipping system', () => {
  it('becomes the parcel: tracking number, no label drawn until asked, the DataTransfer record queued', async () => {
    const data = await checkedOutCart(provider, 'cart_o1');
    const own = ownIdentcode(99_000_001);
    const made = await fulfil(provider, data, 'order_o1', { identcode: own, weight_grams: 900 });
    const stored = made.data as unknown as PickPostFulfillmentData;
    expect(stored).toMatchObject({ identcode: own, transmission: 'datatransfer' });
    expect(made.labels[0]?.tracking_number).toBe(own);
    expect(stored.barcode_url).toBe(`/admin/pickpost/barcodes/${own}`);
    expect(stored.barcode).toBeUndefined();
    // Medusa retrying the fulfillment gets the same parcel; the label is drawn on request.
    const again = await fulfil(provider, data, 'order_o1', { identcode: own, weight_grams: 900 });
    expect(again.labels[0]?.tracking_number).toBe(own);
    const label = await provider.pickpost.findByIdentcode(own);
    expect(
      Buffer.from(label?.label.data ?? [])
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const report = await provider.pickpost.flushDataTransfer();
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    const files = readdirSync(dataTransferDir).map((name) =>
      readFileSync(join(dataTransferDir, name), 'utf8'),
    );
    expect(files.filter((text) => text.includes(own))).toHaveLength(1);
  });

  it('is refused, naming it, when of another licence, used for another order, or malformed', async () => {
    const data = await checkedOutCart(provider, 'cart_o2');
    const refused = async (additionalData: Record<string, unknown>, orderId: string) =>
      fulfil(provider, data, orderId, additionalData).then(
        () => undefined,
        (error: { type?: string; message?: string }) => error,
      );
    expect(await refused({ identcode: ownIdentcode(99_000_010, '60099999') }, 'o2a')).toMatchObject(
      { type: 'invalid_data', message: expect.stringMatching(/identcode.*licen/is) },
    );
    await fulfil(provider, data, 'o2b', { identcode: ownIdentcode(99_000_011) });
    expect(await refused({ identcode: ownIdentcode(99_000_011) }, 'o2c')).toMatchObject({
      type: 'invalid_data',
      message: expect.stringMatching(/identcode/),
    });
    expect(await refused({ identcode: '99601321' }, 'o2d')).toMatchObject({
      type: 'invalid_data',
      message: expect.stringMatching(/identcode/),
    });
    expect(await refused({ barcode: 'gif' }, 'o2e')).toMatchObject({
      type: 'invalid_data',
      message: expect.stringMatching(/additional_data\b.*\bbarcode/),
    });
  });
});

describe('the barcode alone, for the shop’s delivery notes', () => {
  it('is kept on the fulfillment on request, with the service codes, at Swiss Post’s size', async () => {
    const data = await checkedOutCart(provider, 'cart_b1');
    const made = await fulfil(provider, data, 'order_b1', {
      barcode: { format: 'svg', services: true },
    });
    const stored = made.data as unknown as PickPostFulfillmentData;
    expect(stored.barcode).toMatchObject({
      format: 'svg',
      media_type: 'image/svg+xml',
      file_name: `${stored.identcode}-barcode.svg`,
    });
    // 68.5 mm of bars and 8 mm quiet zones either side: the piece is at least 84.5 mm wide.
    expect(stored.barcode?.width_mm).toBeGreaterThanOrEqual(84.5);
    const svg = Buffer.from(stored.barcode?.data_base64 ?? '', 'base64').toString();
    expect(svgDigits(svg)).toEqual(['0509', stored.identcode].sort());
  });

  it('is served at barcode_url in each format, only for parcels made here', async () => {
    const data = await checkedOutCart(provider, 'cart_b2');
    const made = await fulfil(provider, data, 'order_b2');
    const { identcode, barcode_url: url } = made.data as unknown as PickPostFulfillmentData;
    expect(url).toBe(`/admin/pickpost/barcodes/${identcode}`);
    const svg = await getBarcode(identcode);
    expect(svg).toMatchObject({ status: 200, headers: { 'content-type': 'image/svg+xml' } });
    expect(svgDigits(svg.body.toString())).toEqual([identcode]);
    const png = await getBarcode(identcode, { format: 'png', resolution: '600', services: '1' });
    expect(png.headers['content-type']).toBe('image/png');
    const raster = readPng(new Uint8Array(png.body));
    expect(raster.dpi).toBeCloseTo(600, 0);
    const found = readableBarcodes(rasterRects(raster.raster, 600 / 25.4));
    expect(found.map((code) => code.digits).sort()).toEqual(['0509', identcode].sort());
    const pdf = await getBarcode(identcode, { format: 'pdf' });
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await getBarcode(identcode, { format: 'gif' })).status).toBe(400);
    expect((await getBarcode(identcode, { format: 'png', resolution: '90' })).status).toBe(400);
    expect((await getBarcode(ownIdentcode(98_765_432))).status).toBe(404);
  });
});

// Last: a provider made here registers itself under the same name, so the barcode route of the
// tests above would serve its parcels instead.
describe('variant 1 (the Barcode web service makes the identcode)', () => {
  it('refuses an own identcode; the barcode for a delivery note carries the web service’s identcode', async () => {
    const { store: _store, dataTransfer: _dataTransfer, ...options } = variant2Options(mock().post);
    const variant1 = new PickPostFulfillmentProvider(
      {},
      { ...options, variant: 1, store: { type: 'memory' } },
    );
    const data = await checkedOutCart(variant1, 'cart_o3');
    await expect(
      fulfil(variant1, data, 'order_o3', { identcode: ownIdentcode(99_000_020) }),
    ).rejects.toMatchObject({ type: 'invalid_data', message: expect.stringMatching(/identcode/) });
    // Its barcode for a delivery note is the web service's identcode.
    const made = await fulfil(variant1, data, 'order_o3', { barcode: 'svg' });
    const stored = made.data as unknown as PickPostFulfillmentData;
    expect(stored.transmission).toBe('barcode-webservice');
    const svg = Buffer.from(stored.barcode?.data_base64 ?? '', 'base64').toString();
    expect(svgDigits(svg)).toEqual([stored.identcode]);
    await variant1.close();
  });
});
