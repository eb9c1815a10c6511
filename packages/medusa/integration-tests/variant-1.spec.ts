import { expect, it, jest } from '@jest/globals';
import { fulfilOrder, orderWithPickPost } from './checkout';
import { scannedLabel } from './label-scan';
import { describeShop } from './shop';

jest.setTimeout(180_000);

const mock = JSON.parse(process.env.PICKPOST_MOCK_POST ?? '{}');

// Variant 1: the Barcode web service makes the label and tells Swiss Post; no DataTransfer.
describeShop(
  ({ api, shop }) => {
    it('variant 1: the label and identcode come from the Barcode web service', async () => {
      const { order, pointId } = await orderWithPickPost(api, shop());
      const fulfillment = await fulfilOrder(api, shop(), order);
      expect(fulfillment.data).toMatchObject({
        transmission: 'barcode-webservice',
        point: { id: pointId },
        pickpost_id: expect.stringMatching(/\S/),
      });
      const [label] = fulfillment.labels;
      expect(label.tracking_number).toBe(fulfillment.data.identcode);
      // The Barcode web service's label, served at label_url, scans as the identcode.
      expect(await scannedLabel(api, shop(), label.label_url)).toEqual([
        fulfillment.data.identcode,
      ]);
    });
  },
  {
    variant: 1,
    dataTransfer: null,
    post: { clientId: mock.client?.id, clientSecret: mock.client?.secret, baseUrls: mock.baseUrls },
  },
);
