import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCode128 } from '../../../packages/core/test/label-readers';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import { postJson, sampleLabelRequest, tokenFor } from './helpers';
import { barsOfRow, imagePlacements, pdfImages } from './pdf-images';

let post: MockPostServer;
let token: string;

beforeAll(async () => {
  post = await createMockPostServer();
  token = await tokenFor(post, 'DCAPI_BARCODE_READ');
});
afterAll(() => post.close());

async function pdfLabel(change: (body: Record<string, any>) => void = () => {}) {
  const body = sampleLabelRequest();
  change(body);
  const answer = await postJson(`${post.baseUrls.barcode}/generateAddressLabel`, token, body);
  expect(answer.status).toBe(200);
  return {
    identcode: answer.body.item.identCode as string,
    pdf: Buffer.from(answer.body.item.label[0], 'base64'),
  };
}

describe('the identcode barcode of a Barcode web service label', () => {
  it.each(['A5', 'A6', 'A7'])(
    'reads as exactly the 18 digits, Start C, with an independent Code 128 reader (%s)',
    async (layout) => {
      const { identcode, pdf } = await pdfLabel((b) => {
        b.labelDefinition.labelLayout = layout;
      });
      const [image, ...others] = pdfImages(pdf);
      expect(others).toHaveLength(0);
      if (image === undefined) throw new Error('the label holds no raster image');
      // Every row of the bars reads the same; three rows stand for a scanner's passes.
      for (const row of [0.25, 0.5, 0.75].map((at) => Math.floor(image.height * at))) {
        const decoded = decodeCode128(barsOfRow(image, row));
        expect(decoded.digits).toBe(identcode);
        expect(decoded.digits).toMatch(/^\d{18}$/);
      }
    },
  );

  it('is drawn 68–69 mm long and 22.8–23.2 mm high on an A6 label', async () => {
    const { pdf } = await pdfLabel();
    const [placement] = imagePlacements(pdf);
    const mm = (points: number) => (points * 25.4) / 72;
    expect(mm(placement?.width ?? 0)).toBeGreaterThanOrEqual(68);
    expect(mm(placement?.width ?? 0)).toBeLessThanOrEqual(69);
    expect(mm(placement?.height ?? 0)).toBeGreaterThanOrEqual(22.8);
    expect(mm(placement?.height ?? 0)).toBeLessThanOrEqual(23.2);
  });

  it('in ZPL2 starts the bars in charset C with the module and height in the printer’s dots', async () => {
    const cases = [
      [200, 4, 184],
      [300, 6, 276],
      [600, 12, 552],
    ] as const;
    for (const [dpi, module, height] of cases) {
      const body = sampleLabelRequest();
      body.labelDefinition.imageFileType = 'ZPL2';
      body.labelDefinition.imageResolution = dpi;
      const answer = await postJson(`${post.baseUrls.barcode}/generateAddressLabel`, token, body);
      const zpl = Buffer.from(answer.body.item.label[0], 'base64').toString('utf8');
      expect(zpl).toContain(
        `^BY${module}^BCN,${height},N,N,N^FD>;${answer.body.item.identCode}^FS`,
      );
    }
  });
});
