import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import { parcelLabel as parcel } from '../../test/label-fixtures';
import type { PickPostValidationError } from '../errors/index';
import { isPickPostValidationError } from '../errors/index';
import type { LabelRenderError } from './label-render-error';
import { isLabelRenderError } from './label-render-error';
import { renderLabel, renderLabels } from './render';
import type { LabelInput } from './types';

async function zpl(input: LabelInput, options: Parameters<typeof renderLabel>[1]): Promise<string> {
  const label = await renderLabel(input, { ...options, format: 'zpl' });
  expect(label.mediaType).toBe('application/zpl');
  expect(label.fileName).toBe('996001321700005959.zpl');
  return new TextDecoder().decode(label.data);
}

describe('ZPL', () => {
  it('uses the printer’s Code 128 in subset C at Swiss Post size for 300 dpi', async () => {
    const code = await zpl(parcel(), { layout: 'A6', resolution: 300 });
    const lines = code.split('\n');
    expect(lines.slice(0, 5)).toEqual(['^XA', '^CI28', '^PW1240', '^LL1748', '^LH0,0']);
    expect(lines.at(-2)).toBe('^XZ');
    // 6 dots of 1/300 inch = 0.508 mm per module: 134 modules = 68.07 mm; 272 dots = 23.03 mm.
    const identcode = lines.filter((line) => line.includes('^FD>;996001321700005959^FS'));
    expect(identcode).toEqual(['^FO216,1376^BY6^BCN,272,N,N,N,N^FD>;996001321700005959^FS']);
    expect(lines).toContain('^FO47,744^BY4^BCN,94,N,N,N,N^FD>;0509^FS');
    expect(lines.some((line) => line.endsWith('^FD99.60.013217.00005959^FS'))).toBe(true);
  });

  it('doubles every dimension at 600 dpi', async () => {
    const code = await zpl(parcel(), { layout: 'A6', resolution: 600 });
    expect(code).toContain('^PW2480\n^LL3496\n');
    // 12 dots of 1/600 inch: 68.07 mm again; 543 dots = 22.99 mm.
    expect(code).toMatch(/\^FO\d+,\d+\^BY12\^BCN,543,N,N,N,N\^FD>;996001321700005959\^FS/);
  });

  it('refuses 203 dpi: no whole number of dots gives 68–69 mm', async () => {
    const error = await renderLabel(parcel(), { format: 'zpl', resolution: 200 }).catch(
      (e: unknown) => e,
    );
    expect(isLabelRenderError(error)).toBe(true);
    expect((error as LabelRenderError).field).toBe('resolution');
    expect((error as LabelRenderError).code).toBe('LABEL_RENDER_FAILED');
    expect((error as Error).message).toMatch(/67\.07 mm.*83\.8 mm/);
    // The merged stream refuses before it reads any input.
    expect(() => renderLabels([], { format: 'zpl', resolution: 200 })).toThrow(/resolution/);
  });

  it('turns A7 content a quarter turn, barcode and text alike', async () => {
    const code = await zpl(parcel(), { layout: 'A7', resolution: 300 });
    expect(code).toContain('^PW874\n^LL1240\n');
    expect(code).toMatch(/\^BY6\^BCR,272,N,N,N,N\^FD>;996001321700005959\^FS/);
    expect(code).not.toMatch(/\^A@N|\^BCN/);
  });

  it('sends text as UTF-8 with the resident Swiss 721 font and escapes ^ and ~', async () => {
    const code = await zpl(
      parcel({ recipient: { ...HANS_MUSTER, firstName: 'Đorđe^', name1: 'Łuka~ć' } }),
      { layout: 'A6', resolution: 300 },
    );
    expect(code).toMatch(/\^A@N,42,\d+,E:TT0003M_\.TTF\^FH\\\^FDĐorđe\\5E Łuka\\7Eć\^FS/);
  });

  it('refuses letters the resident font lacks, naming the field', async () => {
    const error = await renderLabel(parcel({ recipient: { ...HANS_MUSTER, name1: 'Nguyễn' } }), {
      format: 'zpl',
      resolution: 300,
    }).catch((e: unknown) => e);
    expect(isPickPostValidationError(error)).toBe(true);
    expect((error as PickPostValidationError).issues).toEqual([
      expect.objectContaining({ path: 'shipment.recipient.name1', code: 'unprintable_in_zpl' }),
    ]);
    // The same text is fine where the font is embedded.
    await expect(
      renderLabel(parcel({ recipient: { ...HANS_MUSTER, name1: 'Nguyễn' } })),
    ).resolves.toBeDefined();
  });

  it('merges labels one format after the other', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of renderLabels([parcel(), parcel()], { format: 'zpl' }))
      chunks.push(chunk as Buffer);
    const code = Buffer.concat(chunks).toString('utf8');
    expect(code.match(/\^XA/g)).toHaveLength(2);
    expect(code.match(/\^XZ/g)).toHaveLength(2);
  });
});
