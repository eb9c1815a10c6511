import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import { parcelLabel as parcel } from '../../test/label-fixtures';
import { decodeAll, readSvg } from '../../test/label-readers';
import { isLabelRenderError } from './label-render-error';
import { renderLabel, renderLabels } from './render';
import type { LabelInput } from './types';

async function svgOf(input: LabelInput, layout: 'A5' | 'A6' | 'A7') {
  const label = await renderLabel(input, { format: 'svg', layout });
  expect(label.mediaType).toBe('image/svg+xml');
  return readSvg(new TextDecoder().decode(label.data));
}

describe('SVG', () => {
  it.each([
    ['A5', '210mm', '148mm'],
    ['A6', '148mm', '105mm'],
    ['A7', '105mm', '74mm'],
  ] as const)('%s is a well-formed document of %s × %s whose bars decode', async (layout, w, h) => {
    const svg = await svgOf(parcel(), layout);
    expect([svg.width, svg.height]).toEqual([w, h]);
    expect(svg.viewBox).toBe(`0 0 ${w.slice(0, -2)} ${h.slice(0, -2)}`);
    const identcode = decodeAll(svg.rects).find((code) => code.digits.length === 18);
    expect(identcode?.digits).toBe('996001321700005959');
    expect(identcode?.length).toBeGreaterThanOrEqual(68);
    expect(identcode?.length).toBeLessThanOrEqual(69);
    expect(identcode?.height).toBeGreaterThanOrEqual(22.8);
    expect(identcode?.height).toBeLessThanOrEqual(23.2);
    expect(identcode?.direction).toBe('left-to-right');
    // The service code's barcode is turned like in the PDF: it reads from bottom to top.
    const service = decodeAll(svg.rects).find((code) => code.digits === '0509');
    expect(service?.direction).toBe('bottom-to-top');
    expect(service?.module).toBeCloseTo(0.508, 3);
    expect(service?.height).toBeCloseTo(10, 2);
  });

  it('draws text as outlines of the embedded font and keeps it readable in aria-label', async () => {
    const svg = await svgOf(
      parcel({ recipient: { ...HANS_MUSTER, firstName: 'Novak', name1: 'Đoković & "ł"' } }),
      'A6',
    );
    expect(svg.texts).toEqual(
      expect.arrayContaining([
        'Novak Đoković & "ł"',
        'PickPost 12345678',
        'Bahnhofstrasse 67',
        '5000 Aarau',
      ]),
    );
    expect(svg.glyphDefinitions).toBeGreaterThan(20);
  });

  it('has one label per document: a merged SVG stream is refused', () => {
    let error: unknown;
    try {
      renderLabels([parcel()], { format: 'svg' });
    } catch (caught) {
      error = caught;
    }
    expect(isLabelRenderError(error) && error.field).toBe('output');
  });

  it('renders one SVG file per label', async () => {
    const files = [];
    for await (const file of renderLabels([parcel(), parcel()], {
      format: 'svg',
      output: 'files',
    })) {
      files.push(file);
    }
    expect(files.map((file) => file.fileName)).toEqual([
      '996001321700005959.svg',
      '996001321700005959.svg',
    ]);
  });
});
