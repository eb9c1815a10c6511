import { expect, it, jest } from '@jest/globals';
import { readableBarcodes, readSvg } from '../../core/test/label-readers';
import { flushDataTransferJob } from '../src';
import { fulfilOrder, orderWithPickPost, receivedFiles, refusal } from './checkout';
import { describeShop } from './shop';

jest.setTimeout(180_000);

// A shop printing with its own shipping system, and one printing the barcode on its delivery
// notes: Medusa's admin hands the provider `additional_data`, the admin routes serve the barcode.
describeShop(({ api, getContainer, shop }) => {
  it('variant 2: the shop’s own identcode is the parcel’s, in the DataTransfer file; its barcode at barcode_url', async () => {
    const { order } = await orderWithPickPost(api, shop());
    const own = '996001321798000001';
    const fulfillment = await fulfilOrder(api, shop(), order, {
      identcode: own,
      barcode: { format: 'svg', services: true },
    });
    expect(fulfillment.data).toMatchObject({
      identcode: own,
      transmission: 'datatransfer',
      barcode_url: `/admin/pickpost/barcodes/${own}`,
      barcode: { format: 'svg', file_name: `${own}-barcode.svg` },
    });
    expect(fulfillment.labels[0].tracking_number).toBe(own);
    const kept = Buffer.from(fulfillment.data.barcode.data_base64, 'base64').toString();
    const digits = (svg: string) =>
      readableBarcodes(readSvg(svg).rects)
        .map((code) => code.digits)
        .sort();
    expect(digits(kept)).toEqual(['0509', own]);

    const served = await api.get(`${fulfillment.data.barcode_url}?format=svg`, shop().admin);
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(digits(String(served.data))).toEqual([own]);
    expect((await refusal(api.get(fulfillment.data.barcode_url))).status).toBe(401);
    // The label the shop's system made is not drawn here, but still is on request.
    const pdf = await api.get(fulfillment.labels[0].label_url, {
      ...shop().admin,
      responseType: 'arraybuffer',
    });
    expect(Buffer.from(pdf.data).subarray(0, 5).toString()).toBe('%PDF-');

    // The same number on another order is refused, naming it.
    const { order: other } = await orderWithPickPost(api, shop());
    const refused = await refusal(fulfilOrder(api, shop(), other, { identcode: own }));
    expect(refused.status).toBe(400);
    expect(refused.data.message).toMatch(/identcode/);

    await flushDataTransferJob(getContainer() as never);
    expect(receivedFiles().filter((text) => text.includes(own))).toHaveLength(1);
  });
});
