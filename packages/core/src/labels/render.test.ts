import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import {
  FULL_RETURN_ADDRESS,
  IDENTCODE,
  LABEL_SENDER,
  parcelLabel as parcel,
} from '../../test/label-fixtures';
import type { PdfPage } from '../../test/label-readers';
import { decodeAll, pageTexts, readPdf } from '../../test/label-readers';
import type { PickPostValidationError } from '../errors/index';
import { isPickPostValidationError } from '../errors/index';
import type { LabelRenderError } from './label-render-error';
import { isLabelRenderError } from './label-render-error';
import { renderLabel, renderLabels } from './render';
import type { LabelInput, RenderLabelOptions } from './types';

async function pdfPages(input: LabelInput, options: RenderLabelOptions = {}): Promise<PdfPage[]> {
  const label = await renderLabel(input, { ...options, compress: false });
  expect(label.mediaType).toBe('application/pdf');
  return readPdf(label.data).pages;
}

const onlyPage = (pages: PdfPage[]) => {
  expect(pages).toHaveLength(1);
  return pages[0] as PdfPage;
};

const texts = (page: PdfPage) => page.texts.map((text) => text.text);

async function rejection<T>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise;
  } catch (error) {
    return error as T;
  }
  throw new Error('expected a rejection');
}

describe('renderLabel as PDF', () => {
  it.each([
    ['A5', 148, 210],
    ['A6', 105, 148],
    ['A7', 74, 105],
  ] as const)('%s is %d × %d mm', async (layout, width, height) => {
    const page = onlyPage(await pdfPages(parcel(), { layout }));
    expect(page.width).toBeCloseTo(width, 1);
    expect(page.height).toBeCloseTo(height, 1);
  });

  it.each(['A5', 'A6', 'A7'] as const)(
    '%s: the identcode bars decode to the 18 digits at Swiss Post size with quiet zones',
    async (layout) => {
      const page = onlyPage(await pdfPages(parcel(), { layout }));
      const codes = decodeAll(page.rects);
      const identcode = codes.find((code) => code.digits.length === 18);
      expect(identcode?.digits).toBe(IDENTCODE);
      if (identcode === undefined) return;
      expect(identcode.length).toBeGreaterThanOrEqual(68.0);
      expect(identcode.length).toBeLessThanOrEqual(69.0);
      expect(identcode.height).toBeGreaterThanOrEqual(22.8);
      expect(identcode.height).toBeLessThanOrEqual(23.2);
      // A7 reads top to bottom; its quiet zones are above and below the bars.
      expect(identcode.vertical).toBe(layout === 'A7');
      const extent = identcode.vertical ? page.height : page.width;
      expect(identcode.start).toBeGreaterThanOrEqual(8);
      expect(extent - identcode.end).toBeGreaterThanOrEqual(8);
      // Nothing else is printed in the quiet zones (before and after the bars, along their height).
      const across = [identcode.across, identcode.across + identcode.height];
      const intruders = page.rects.filter((rect) => {
        const [from, to] = identcode.vertical
          ? [rect.y, rect.y + rect.height]
          : [rect.x, rect.x + rect.width];
        const [lo, hi] = identcode.vertical
          ? [rect.x, rect.x + rect.width]
          : [rect.y, rect.y + rect.height];
        const overlapsAcross = hi > (across[0] ?? 0) && lo < (across[1] ?? 0);
        const inQuietZone =
          (to > identcode.start - 8 && from < identcode.start) ||
          (from < identcode.end + 8 && to > identcode.end);
        return overlapsAcross && inQuietZone;
      });
      expect(intruders).toEqual([]);
      expect(texts(page)).toContain('99.60.013217.00005959');
    },
  );

  it('prints the sender, the PickPost address, the service codes and their barcodes', async () => {
    const page = onlyPage(
      await pdfPages(
        parcel({
          recipient: { ...HANS_MUSTER, firstName: 'Novak', name1: 'Đoković-Łukasiewicz' },
          parcel: { weightGrams: 900, przl: ['PRI', 'SI', 'ZAW3211'] },
          freeText: 'Zerbrechlich',
        }),
        { layout: 'A6' },
      ),
    );
    expect(texts(page)).toEqual(
      expect.arrayContaining([
        'Velo Shop AG',
        'Wankdorfallee 4',
        '3030 Bern',
        'PRI SI',
        'Novak Đoković-Łukasiewicz',
        'PickPost 12345678',
        'Bahnhofstrasse 67',
        '5000 Aarau',
        'Zerbrechlich',
        'PRI 0509',
        'SI 0307',
        'ZAW3211',
      ]),
    );
    const lines = page.texts.map((text) => text.text);
    expect(lines.indexOf('Novak Đoković-Łukasiewicz')).toBeLessThan(
      lines.indexOf('PickPost 12345678'),
    );
    expect(lines.indexOf('PickPost 12345678')).toBeLessThan(lines.indexOf('Bahnhofstrasse 67'));
    const small = decodeAll(page.rects).filter((code) => code.digits.length === 4);
    expect(small.map((code) => code.digits).sort()).toEqual(['0307', '0509', '3211']);
  });

  it('embeds its font: Latin Extended letters come back from the PDF as they went in', async () => {
    const label = await renderLabel(
      parcel({ recipient: { ...HANS_MUSTER, firstName: 'Ǆemal', name1: 'Ćwikła-Şahin' } }),
      { compress: false },
    );
    const { pages, objects } = readPdf(label.data);
    expect(texts(pages[0] as PdfPage)).toContain('Ǆemal Ćwikła-Şahin');
    const fontFiles = [...objects.values()].filter((object) =>
      /\/FontFile2 \d+ 0 R/.test(object.dict),
    );
    expect(fontFiles.length).toBeGreaterThan(0);
    expect([...objects.values()].some((object) => /\/BaseFont \/Helvetica/.test(object.dict))).toBe(
      false,
    );
  });

  it('prints only what printAddresses asks for', async () => {
    const none = texts(onlyPage(await pdfPages(parcel(), { printAddresses: 'none' })));
    expect(none).not.toContain('Hans Muster');
    expect(none).not.toContain('Velo Shop AG');
    expect(none).toContain('99.60.013217.00005959');
    const recipient = texts(onlyPage(await pdfPages(parcel(), { printAddresses: 'recipient' })));
    expect(recipient).toContain('Hans Muster');
    expect(recipient).not.toContain('Velo Shop AG');
    const senderOnly = texts(onlyPage(await pdfPages(parcel(), { printAddresses: 'sender' })));
    expect(senderOnly).not.toContain('Hans Muster');
    expect(senderOnly).toContain('Velo Shop AG');
  });

  it('marks preview labels SPECIMEN', async () => {
    expect(texts(onlyPage(await pdfPages(parcel(), { printPreview: true })))).toContain('SPECIMEN');
    expect(texts(onlyPage(await pdfPages(parcel())))).not.toContain('SPECIMEN');
  });

  it('renders a return label to the shop with the customer as sender', async () => {
    const page = onlyPage(
      await pdfPages({
        type: 'return',
        identcode: '996001321700005960',
        returnAddress: { ...LABEL_SENDER, name2: 'Retouren' },
        customer: { ...HANS_MUSTER },
        parcel: { przl: ['ECO'] },
      }),
    );
    const lines = texts(page);
    expect(lines).toEqual(
      expect.arrayContaining(['Velo Shop AG', 'Retouren', 'Wankdorfallee 4', '3030 Bern']),
    );
    expect(lines).toEqual(
      expect.arrayContaining(['Hans Muster', 'Bellerivestrasse 5', '8008 Zürich']),
    );
    // The customer is the sender: their block is above the shop's address.
    const y = (text: string) => page.texts.find((placed) => placed.text === text)?.y ?? Number.NaN;
    expect(y('Hans Muster')).toBeLessThan(y('Retouren'));
    expect(decodeAll(page.rects).map((code) => code.digits)).toEqual(['996001321700005960']);
  });
});

describe('A6 on A4 sheets', () => {
  it.each([
    [1, 0, 0],
    [2, 105, 0],
    [3, 0, 148.5],
    [4, 105, 148.5],
  ])('start position %d puts the label at (%d, %d) mm', async (startPosition, x, y) => {
    const sheet = onlyPage(await pdfPages(parcel(), { sheet: 'a4', startPosition }));
    const single = onlyPage(await pdfPages(parcel()));
    expect(sheet.width).toBeCloseTo(210, 1);
    expect(sheet.height).toBeCloseTo(297, 1);
    const onSheet = decodeAll(sheet.rects).find((code) => code.digits === IDENTCODE);
    const alone = decodeAll(single.rects).find((code) => code.digits === IDENTCODE);
    expect(onSheet?.start).toBeCloseTo((alone?.start ?? 0) + x, 3);
    expect(onSheet?.across).toBeCloseTo((alone?.across ?? 0) + y, 3);
  });

  it('fills the sheet from the start position on and continues on new sheets', async () => {
    const inputs = Array.from({ length: 6 }, (_, index) =>
      parcel({}, `99600132170000${6000 + index}`),
    );
    const chunks: Uint8Array[] = [];
    for await (const chunk of renderLabels(inputs, {
      sheet: 'a4',
      startPosition: 3,
      compress: false,
    })) {
      chunks.push(chunk as Uint8Array);
    }
    const { pages } = readPdf(Buffer.concat(chunks));
    // Positions 3 and 4 of the first sheet, then 1 to 4 of the second.
    expect(pages).toHaveLength(2);
    const codes = pages.map((page) =>
      decodeAll(page.rects)
        .filter((code) => code.digits.length === 18)
        .sort((a, b) => a.across - b.across || a.start - b.start),
    );
    expect(codes.map((page) => page.map((code) => code.digits.slice(-4)))).toEqual([
      ['6000', '6001'],
      ['6002', '6003', '6004', '6005'],
    ]);
    expect(codes[0]?.every((code) => code.across > 148.5)).toBe(true);
  });
});

describe('rules checked before anything is drawn', () => {
  it('refuses a name wider than the address block, naming the field instead of cutting it', async () => {
    const long = {
      ...HANS_MUSTER,
      firstName: 'Maximilian Alexander',
      name1: 'Wolfeschlegelsteinhausenbergerdorff',
    };
    const error = await rejection<PickPostValidationError>(
      renderLabel(parcel({ recipient: long }), { layout: 'A7' }),
    );
    expect(isPickPostValidationError(error)).toBe(true);
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'shipment.recipient.name1', code: 'text_does_not_fit' }),
    ]);
    expect(error.message).toMatch(/firstName/);
    // The wider A6 block takes it, in a smaller size, whole.
    const page = onlyPage(await pdfPages(parcel({ recipient: long }), { layout: 'A6' }));
    expect(texts(page)).toContain('Maximilian Alexander Wolfeschlegelsteinhausenbergerdorff');
  });

  it.each([
    ['A7', ['PRI', 'SI'], 'too_many_service_codes'],
    ['A6', ['PRI', 'SI', 'FRA', 'MAN'], 'too_many_service_codes'],
    ['A7', ['PRI', 'ZAW3211'], 'too_many_delivery_instructions'],
    ['A6', ['PRI', 'ZAW3211', 'ZAW3212', 'ZAW3213'], 'too_many_delivery_instructions'],
  ] as const)('%s refuses %j (%s)', async (layout, przl, code) => {
    const error = await rejection<PickPostValidationError>(
      renderLabel(parcel({ parcel: { weightGrams: 500, przl } }), { layout }),
    );
    expect(error.issues).toEqual([expect.objectContaining({ path: 'shipment.parcel.przl', code })]);
  });

  it('takes the most codes each layout allows', async () => {
    const page = onlyPage(
      await pdfPages(
        parcel({
          parcel: {
            weightGrams: 500,
            przl: ['PRI', 'SI', 'FRA', 'MAN', 'SA', 'ZAW3211', 'ZAW3212', 'ZAW3213', 'ZAW3214'],
          },
        }),
        { layout: 'A5' },
      ),
    );
    expect(
      decodeAll(page.rects)
        .map((code) => code.digits)
        .sort(),
    ).toEqual(
      ['0307', '0310', '0421', '0509', '0543', '3211', '3212', '3213', '3214', IDENTCODE].sort(),
    );
  });

  it('refuses an identcode that is not one', async () => {
    const error = await rejection<PickPostValidationError>(renderLabel(parcel({}, '12345')));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'identcode' })]);
  });

  it('refuses characters in unparsed input that no label can print', async () => {
    const input = parcel();
    if (input.type !== 'shipment') throw new Error('unreachable');
    const unparsed: LabelInput = {
      ...input,
      shipment: {
        ...input.shipment,
        recipient: { ...input.shipment.recipient, name1: 'Muster 📦' },
      },
    };
    const error = await rejection<PickPostValidationError>(renderLabel(unparsed));
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'shipment.recipient.name1', code: 'unprintable_character' }),
    ]);
  });

  it('refuses letters the schemas allow but the label font lacks', async () => {
    const error = await rejection<PickPostValidationError>(
      renderLabel(parcel({ recipient: { ...HANS_MUSTER, name1: 'Ỽalter' } })),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'shipment.recipient.name1',
        code: 'unprintable_character',
        message: expect.stringMatching(/label font cannot draw: 'Ỽ'/),
      }),
    ]);
  });

  it('places combining marks with the font: text without a precomposed letter still prints', async () => {
    const page = onlyPage(
      await pdfPages(parcel({ recipient: { ...HANS_MUSTER, name1: 'Muq\u0303oz' } })),
    );
    expect(pageTexts(page)).toContain('Hans Muq\u0303oz');
    // Each glyph of that line is placed on its own; the tilde sits over the q, before the o.
    const x = (text: string) => page.texts.find((placed) => placed.text === text)?.x ?? Number.NaN;
    expect(x('\u0303')).toBeGreaterThan(x('q'));
    expect(x('\u0303')).toBeLessThan(x('o'));
  });

  it('drops overflow lines in Swiss Post order on an A6 label with a delivery instruction', async () => {
    const page = onlyPage(
      await pdfPages({
        type: 'return',
        identcode: IDENTCODE,
        returnAddress: FULL_RETURN_ADDRESS,
        customer: HANS_MUSTER,
        parcel: { przl: ['PRI', 'ZAW3211'] },
        freeText: 'Zerbrechlich',
      }),
    );
    // A6 with a ZAW code has 6 lines: Title and AddressSuffix go, Name3 and FreeText stay.
    const lines = texts(page);
    expect(lines).not.toContain('Frau');
    expect(lines).not.toContain('c/o Lager');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Anna Keller',
        'Velo Shop AG',
        'Einkauf',
        'Wankdorfallee 4',
        '3030 Bern',
        'Zerbrechlich',
      ]),
    );
  });

  it('refuses PNG with a typed error naming the option', async () => {
    const error = await rejection<LabelRenderError>(renderLabel(parcel(), { format: 'png' }));
    expect(isLabelRenderError(error)).toBe(true);
    expect(error.field).toBe('format');
    expect(error.toJSON()).toMatchObject({
      name: 'LabelRenderError',
      code: 'LABEL_RENDER_FAILED',
      field: 'format',
    });
  });

  it('refuses invalid options as a validation error', async () => {
    const error = await rejection<PickPostValidationError>(
      renderLabel(parcel(), { layout: 'A7', sheet: 'a4' }),
    );
    expect(error.paths).toEqual(['sheet']);
  });
});

describe('renderLabels as one streamed PDF', () => {
  function* counted(count: number, pulled: { count: number }): Generator<LabelInput> {
    const input = parcel();
    for (let index = 0; index < count; index += 1) {
      pulled.count += 1;
      yield input;
    }
  }

  it('has a page per label', async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of renderLabels(counted(25, { count: 0 }), { compress: false })) {
      chunks.push(chunk as Uint8Array);
    }
    const { pages, objects } = readPdf(Buffer.concat(chunks));
    expect(pages).toHaveLength(25);
    for (const page of pages) {
      expect(
        decodeAll(page.rects)
          .map((code) => code.digits)
          .sort(),
      ).toEqual(['0509', IDENTCODE]);
      expect(texts(page)).toEqual(expect.arrayContaining(['Velo Shop AG', 'PRI', 'Hans Muster']));
    }
    // The sender and service block is drawn once, as a form, from the second label on.
    const forms = [...objects.values()].filter((object) => /\/Subtype \/Form/.test(object.dict));
    expect(forms).toHaveLength(1);
  });

  it('draws labels as it is read: inputs are pulled on demand and little is buffered', async () => {
    const pulled = { count: 0 };
    const stream = renderLabels(counted(100_000, pulled), { compress: false });
    let maxBuffered = 0;
    let chunks = 0;
    for await (const _chunk of stream) {
      chunks += 1;
      maxBuffered = Math.max(maxBuffered, stream.readableLength);
      if (chunks === 50) break;
    }
    // Each label is pulled when the reader wants more, a few ahead at most (the stream's
    // 16 KB buffer); the other ~99,950 inputs were never touched.
    expect(pulled.count).toBeGreaterThanOrEqual(chunks);
    expect(pulled.count - chunks).toBeLessThan(10);
    expect(maxBuffered).toBeLessThan(64 * 1024);
    expect(stream.destroyed).toBe(true);
  });

  it('accepts an async iterable', async () => {
    async function* later(): AsyncGenerator<LabelInput> {
      yield parcel();
      await new Promise((resolve) => setImmediate(resolve));
      yield parcel();
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of renderLabels(later(), { compress: false }))
      chunks.push(chunk as Uint8Array);
    expect(readPdf(Buffer.concat(chunks)).pages).toHaveLength(2);
  });

  it('ends with the error of the first bad label, naming it', async () => {
    const inputs = [parcel(), parcel({}, '99'), parcel()];
    const received: Uint8Array[] = [];
    const error = await rejection<PickPostValidationError>(
      (async () => {
        for await (const chunk of renderLabels(inputs)) received.push(chunk as Uint8Array);
      })(),
    );
    expect(error.subject).toBe('label #2');
    expect(error.paths).toEqual(['identcode']);
    expect(Buffer.concat(received).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses an empty batch', async () => {
    const error = await rejection<PickPostValidationError>(
      (async () => {
        for await (const _chunk of renderLabels([])) {
          // nothing to read
        }
      })(),
    );
    expect(isPickPostValidationError(error)).toBe(true);
  });

  it('writes one PDF file per label on request', async () => {
    const files = [];
    for await (const file of renderLabels([parcel(), parcel({}, '996001321700005960')], {
      output: 'files',
    })) {
      files.push(file);
    }
    expect(files.map((file) => file.fileName)).toEqual([
      '996001321700005959.pdf',
      '996001321700005960.pdf',
    ]);
    expect(
      files.every((file) => Buffer.from(file.data).subarray(0, 5).toString() === '%PDF-'),
    ).toBe(true);
  });
});
