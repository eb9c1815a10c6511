import { expect, it, jest } from '@jest/globals';
import { flushDataTransferJob } from '../src';
import { fulfilOrder, orderWithPickPost, receivedFiles } from './checkout';
import { scannedLabel } from './label-scan';
import { describeShop } from './shop';

jest.setTimeout(180_000);

const mock = JSON.parse(process.env.PICKPOST_MOCK_POST ?? '{}');

// Variant 4b: no PickPost customer number, labels drawn here, shipment data by DataTransfer;
// only the keyless location search is called.
describeShop(
  ({ api, getContainer, shop }) => {
    it('variant 4b: no PickPost ID, a label drawn here, the shipment in a DataTransfer file', async () => {
      const { order, pointId } = await orderWithPickPost(api, shop(), 1, false);
      const fulfillment = await fulfilOrder(api, shop(), order);
      expect(fulfillment.data).toMatchObject({
        transmission: 'datatransfer',
        point: { id: pointId },
      });
      expect(fulfillment.data.pickpost_id).toBeUndefined();
      const [label] = fulfillment.labels;
      expect(label.tracking_number).toBe(fulfillment.data.identcode);
      expect(await scannedLabel(api, shop(), label.label_url)).toEqual([
        fulfillment.data.identcode,
      ]);
      await flushDataTransferJob(getContainer() as never);
      expect(receivedFiles().some((text) => text.includes(fulfillment.data.identcode))).toBe(true);
    });
  },
  { variant: '4b', post: { baseUrls: mock.baseUrls } },
);
