import { expect } from '@jest/globals';
// Core's independent label reader: poppler's `pdftoppm` renders the page, a Code 128 table of
// its own reads the bars along rows and columns of pixels, as a scanner would.
import { rasterisePdf, scanBarcodes } from '../../core/test/label-readers';
import type { Api, TestShop } from './shop';

const DPI = 600;

/**
 * Downloads a fulfillment label's `label_url` as the admin and reads its barcodes back: the
 * 18-digit codes a scanner finds on the PDF's first page.
 */
export async function scannedLabel(api: Api, shop: TestShop, labelUrl: string): Promise<string[]> {
  const pdf = await api.get(labelUrl, { ...shop.admin, responseType: 'arraybuffer' });
  expect(pdf.headers['content-type']).toBe('application/pdf');
  return scannedPdf(new Uint8Array(pdf.data as ArrayBuffer));
}

/** The 18-digit codes a scanner finds on a label PDF's first page. */
export function scannedPdf(bytes: Uint8Array): string[] {
  expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
  const codes = scanBarcodes(rasterisePdf(bytes, DPI), DPI / 25.4).map((code) => code.digits);
  return [...new Set(codes.filter((digits) => digits.length === 18))];
}
