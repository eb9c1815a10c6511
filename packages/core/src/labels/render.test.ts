import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import {
  FULL_RETURN_ADDRESS,
  IDENTCODE,
  LABEL_SENDER,
  parcelLabel as parcel,
} from '../../test/label-fixtures';
import type { PdfPage, PlacedText, Rect } from '../../test/label-readers';
import { decodeAll, gapBetween, pageTexts, readPdf, textBox } from '../../test/label-readers';
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

/** The one placed text with exactly this content. */
function placed(page: PdfPage, text: string): PlacedText {
  const found = page.texts.filter((candidate) => candidate.text === text);
  expect(found).toHaveLength(1);
  return found[0] as PlacedText;
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

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
    ['A5', 210, 148],
    ['A6', 148, 105],
    ['A7', 105, 74],
  ] as const)(
    '%s is %d × %d mm, landscape as the Post’s PDF labels',
    async (layout, width, height) => {
      const page = onlyPage(await pdfPages(parcel(), { layout }));
      expect(page.width).toBeCloseTo(width, 1);
      expect(page.height).toBeCloseTo(height, 1);
    },
  );

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
      expect(identcode.vertical).toBe(false);
      expect(identcode.direction).toBe('left-to-right');
      expect(identcode.start).toBeGreaterThanOrEqual(8);
      expect(page.width - identcode.end).toBeGreaterThanOrEqual(8);
      // Nothing else is printed in the quiet zones (before and after the bars, along their
      // height): no bar, and no glyph of any text.
      const zones = [
        { x: identcode.start - 8, y: identcode.across, width: 8, height: identcode.height },
        { x: identcode.end, y: identcode.across, width: 8, height: identcode.height },
      ];
      const marks = [...page.rects, ...page.texts.map(textBox)];
      const intruders = marks.filter((mark) => zones.some((zone) => overlaps(zone, mark)));
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
        'Novak Đoković-Łukasiewicz',
        'PickPost 12345678',
        'Bahnhofstrasse 67',
        '5000 Aarau',
        'Zerbrechlich',
        'PRI',
        'SI',
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
    // Each code is turned beside its own barcode, reading upwards like it.
    for (const [code, digits] of [
      ['PRI', '0509'],
      ['SI', '0307'],
      ['ZAW3211', '3211'],
    ] as const) {
      const caption = placed(page, code);
      const bars = small.find((symbol) => symbol.digits === digits);
      expect(caption.angle).toBe(270);
      expect(bars?.direction).toBe('bottom-to-top');
      const gap = (bars?.across ?? 0) - caption.x;
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThan(2);
      expect(caption.y).toBeCloseTo(bars?.end ?? 0, 1);
    }
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
    // The customer is the sender: their block is turned along the left edge, the shop's
    // address reads normally right of it.
    expect(placed(page, 'Hans Muster').angle).toBe(270);
    expect(placed(page, 'Retouren').angle).toBe(0);
    expect(placed(page, 'Hans Muster').x).toBeLessThan(placed(page, 'Retouren').x - 10);
    expect(decodeAll(page.rects).map((code) => code.digits)).toEqual(['996001321700005960']);
  });
});

describe('the layout of the Post’s own label', () => {
  const PRINTED_AT = new Date('2026-12-02T10:00:00Z');
  const WORST_CASE = {
    A5: ['PRI', 'SI', 'FRA', 'MAN', 'SA', 'ZAW3211', 'ZAW3212', 'ZAW3213', 'ZAW3214'],
    A6: ['PRI', 'SI', 'SA', 'ZAW3211', 'ZAW3212'],
    A7: ['PRI'],
  } as const;

  /** A preview label with every service code the layout takes. */
  const worstCase = async (layout: 'A5' | 'A6' | 'A7', overrides: Record<string, unknown>) =>
    onlyPage(
      await pdfPages(
        parcel({ parcel: { weightGrams: 500, przl: [...WORST_CASE[layout]] }, ...overrides }),
        { layout, printPreview: true },
      ),
    );

  it.each(['A5', 'A6', 'A7'] as const)(
    '%s: the human-readable identcode is bold, as wide as the bars and 4.7 mm high, under them',
    async (layout) => {
      const page = onlyPage(await pdfPages(parcel(), { layout }));
      const bars = decodeAll(page.rects).find((code) => code.digits === IDENTCODE);
      const human = placed(page, '99.60.013217.00005959');
      if (bars === undefined) throw new Error('identcode not found');
      // Measured from the PDF: the glyph advances of the embedded font and its cap height.
      expect(Math.abs(human.width - bars.length)).toBeLessThanOrEqual(1.5);
      expect(human.x).toBeCloseTo(bars.start, 2);
      expect(human.capHeight).toBeGreaterThanOrEqual(4.5);
      expect(human.capHeight).toBeLessThanOrEqual(4.9);
      expect(human.angle).toBe(0);
      expect(human.font).toBe('PPB');
      // Under the bars, clear of them: its capitals start below the bars' lower edge.
      const barsBottom = bars.across + bars.height;
      expect(human.y - human.capHeight).toBeGreaterThan(barsBottom + 1);
      expect(human.y - barsBottom).toBeLessThan(8);
    },
  );

  it.each(['A5', 'A6', 'A7'] as const)(
    '%s: service barcodes have a 0.508 mm module, are 29.0 × 10.0 mm and read upwards, clear of everything',
    async (layout) => {
      const przl = WORST_CASE[layout];
      const page = await worstCase(layout, { freeText: 'Zerbrechlich, nicht stürzen! Danke' });
      expect(texts(page)).toEqual(
        expect.arrayContaining(['SPECIMEN', 'Zerbrechlich, nicht stürzen! Danke']),
      );
      const services = decodeAll(page.rects).filter((code) => code.digits.length === 4);
      expect(services).toHaveLength(przl.length);
      const marks = [...page.rects, ...page.texts.map(textBox)];
      // No two lines of text overlap, however long the free text.
      const boxes = page.texts.map(textBox);
      boxes.forEach((box, index) => {
        for (const other of boxes.slice(index + 1)) expect(overlaps(box, other)).toBe(false);
      });
      for (const code of services) {
        expect(code.direction).toBe('bottom-to-top');
        expect(code.module).toBeCloseTo(0.508, 3);
        expect(code.length).toBeCloseTo(28.96, 1);
        expect(code.height).toBeCloseTo(10.0, 2);
        // 10 modules of quiet zone above and below, across the whole bar length.
        const quiet = 10 * 0.508;
        const zones = [
          { x: code.across, y: code.start - quiet, width: code.height, height: quiet },
          { x: code.across, y: code.end, width: code.height, height: quiet },
        ];
        expect(marks.filter((mark) => zones.some((zone) => overlaps(zone, mark)))).toEqual([]);
        expect(code.start - quiet).toBeGreaterThanOrEqual(0);
        expect(code.across + code.height).toBeLessThanOrEqual(page.width);
      }
    },
  );

  it.each(['A5', 'A6', 'A7'] as const)(
    '%s: nothing comes within 10 mm of the recipient address, even with every service code',
    async (layout) => {
      const page = await worstCase(layout, {
        recipient: { ...HANS_MUSTER, firstName: 'Maximiliane', name3: 'Abteilung Einkauf' },
        freeText: 'Zerbrechlich',
      });
      const addressTexts = ['Maximiliane Muster', 'Abteilung Einkauf', 'PickPost 12345678'];
      const address = page.texts.filter(
        (text) =>
          addressTexts.includes(text.text) ||
          text.text.startsWith('Bahnhofstrasse') ||
          text.text === '5000 Aarau',
      );
      expect(address).toHaveLength(5);
      const block = address.map(textBox).reduce((a, b) => {
        const x = Math.min(a.x, b.x);
        const y = Math.min(a.y, b.y);
        return {
          x,
          y,
          width: Math.max(a.x + a.width, b.x + b.width) - x,
          height: Math.max(a.y + a.height, b.y + b.height) - y,
        };
      });
      const others = [
        ...page.rects,
        ...page.texts.filter((text) => !address.includes(text)).map(textBox),
      ];
      expect(others.length).toBeGreaterThan(40);
      const nearest = Math.min(...others.map((mark) => gapBetween(block, mark)));
      expect(nearest).toBeGreaterThanOrEqual(10);
      // And everything is on the label.
      for (const mark of [...others, block]) {
        expect(mark.x).toBeGreaterThanOrEqual(0);
        expect(mark.y).toBeGreaterThanOrEqual(0);
        expect(mark.x + mark.width).toBeLessThanOrEqual(page.width);
        expect(mark.y + mark.height).toBeLessThanOrEqual(page.height);
      }
    },
  );

  it('A6 places its blocks where the Post’s label has them', async () => {
    const page = onlyPage(
      await pdfPages(parcel({ parcel: { weightGrams: 500, przl: ['PRI'] } }), {
        layout: 'A6',
        printedAt: PRINTED_AT,
      }),
    );
    const bars = decodeAll(page.rects).find((code) => code.digits === IDENTCODE);
    const service = decodeAll(page.rects).find((code) => code.digits === '0509');
    if (bars === undefined || service === undefined) throw new Error('barcodes not found');
    // Bars top left: 8 mm in from the left edge, their top 24 mm down (Post: 8.0 and 24.0).
    expect(bars.start).toBeGreaterThanOrEqual(8);
    expect(bars.start).toBeLessThan(8.5);
    expect(bars.across).toBeCloseTo(24, 1);
    // The application line above them names the SDK, its version and the date of printing.
    const { version } = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const appLine = placed(page, `PickPost SDK ${version} / 2026-12-02`);
    expect(appLine.x).toBeCloseTo(bars.start, 1);
    expect(appLine.y).toBeLessThan(bars.across);
    expect(appLine.y).toBeGreaterThan(bars.across - 5);
    // The service code turned beside its barcode, right of the identcode and level with it.
    const pri = placed(page, 'PRI');
    expect(pri.angle).toBe(270);
    expect(textBox(pri).x).toBeGreaterThanOrEqual(bars.end + 8);
    expect(service.start).toBeCloseTo(bars.across, 1);
    // The sender turned along the bottom-left edge, reading upwards from near the bottom.
    for (const line of ['Velo Shop AG', 'Wankdorfallee 4', '3030 Bern']) {
      const sender = placed(page, line);
      expect(sender.angle).toBe(270);
      expect(sender.x).toBeLessThan(20);
      expect(sender.y).toBeGreaterThan(page.height - 4);
      expect(textBox(sender).y).toBeGreaterThan(bars.across + bars.height);
    }
    // The recipient centre right of the sender and below the barcodes.
    const name = placed(page, 'Hans Muster');
    expect(name.angle).toBe(0);
    expect(name.x).toBeCloseTo(43, 1);
    expect(textBox(name).y).toBeGreaterThan(service.end + 10);
    // No Swiss Post mark: the label has no image.
    expect(page.images).toBe(0);
  });

  it('refuses a printedAt that is not a date', async () => {
    const error = await rejection<PickPostValidationError>(
      renderLabel(parcel(), { printedAt: new Date('not a date') }),
    );
    expect(error.paths).toEqual(['printedAt']);
  });
});

describe('A6 on A4 sheets', () => {
  it.each([
    [1, 0, 0],
    [2, 105, 0],
    [3, 0, 148.5],
    [4, 105, 148.5],
  ])(
    'start position %d puts the label, turned clockwise, into the slot at (%d, %d) mm',
    async (startPosition, x, y) => {
      const sheet = onlyPage(await pdfPages(parcel(), { sheet: 'a4', startPosition }));
      const single = onlyPage(await pdfPages(parcel()));
      expect(sheet.width).toBeCloseTo(210, 1);
      expect(sheet.height).toBeCloseTo(297, 1);
      const onSheet = decodeAll(sheet.rects).find((code) => code.digits === IDENTCODE);
      const alone = decodeAll(single.rects).find((code) => code.digits === IDENTCODE);
      if (onSheet === undefined || alone === undefined) throw new Error('identcode not found');
      // The label's top edge runs along the slot's right edge: its x becomes the slot's y, and
      // its y is counted leftwards from the slot's right edge (105 mm, the label's height).
      expect(onSheet.direction).toBe('top-to-bottom');
      expect(onSheet.start).toBeCloseTo(alone.start + y, 3);
      expect(onSheet.across).toBeCloseTo(x + 105 - (alone.across + alone.height), 3);
      expect(onSheet.length).toBeCloseTo(alone.length, 3);
      expect(onSheet.height).toBeCloseTo(alone.height, 3);
      // The whole label stays inside its slot.
      for (const mark of [...sheet.rects, ...sheet.texts.map(textBox)]) {
        expect(mark.x).toBeGreaterThanOrEqual(x);
        expect(mark.x + mark.width).toBeLessThanOrEqual(x + 105);
        expect(mark.y).toBeGreaterThanOrEqual(y);
        expect(mark.y + mark.height).toBeLessThanOrEqual(y + 148.5);
      }
    },
  );

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
        .sort((a, b) => a.start - b.start || a.across - b.across),
    );
    expect(codes.map((page) => page.map((code) => code.digits.slice(-4)))).toEqual([
      ['6000', '6001'],
      ['6002', '6003', '6004', '6005'],
    ]);
    expect(codes[0]?.every((code) => code.start > 148.5)).toBe(true);
  });
});

describe('rules checked before anything is drawn', () => {
  it('refuses a name wider than the address block, naming the field instead of cutting it', async () => {
    const long = {
      ...HANS_MUSTER,
      firstName: 'Maximilian Alexander Bartholomäus',
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
    expect(texts(page)).toContain(
      'Maximilian Alexander Bartholomäus Wolfeschlegelsteinhausenbergerdorff',
    );
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
