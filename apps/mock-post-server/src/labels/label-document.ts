import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { printedIdentcode } from '../rules/identcode';

/** What the simulated Barcode web service prints on a label. */
export interface MockLabel {
  identcode: string;
  layout: 'A5' | 'A6' | 'A7';
  imageFileType: 'PDF' | 'ZPL2';
  resolution: number;
  senderLines: string[];
  recipientLines: string[];
  services: string[];
  printPreview: boolean;
}

const MM = 72 / 25.4;
const PAGE_MM = { A5: [148, 210], A6: [105, 148], A7: [74, 105] } as const;

/**
 * The identcode barcode of a real WSBC label: Code 128 starting in charset C, module 0.508 mm,
 * 22.99 mm high (68.07 mm long for 18 digits) [C OCA cassette `test_1_store_label`, §Z;
 * V §B: 68–69 × 22.8–23.2 mm].
 */
const BARCODE = { moduleMm: 0.508, heightMm: 23 } as const;
/** Pixels per module of the raster barcode: whole pixels, so every bar keeps its width. */
const PIXELS_PER_MODULE = 3;

/** Dots per mm of the printers the resolutions name: 8, 12 and 24 (203, 305, 610 dpi) [V §Z]. */
const DOTS_PER_MM: Readonly<Record<number, number>> = { 200: 8, 300: 12, 600: 24 };

/**
 * The identcode as a raster image (PNG), as the real service embeds its barcodes as images
 * [C OCA: image XObjects in the label PDF]. bwip-js is given the 18 digits alone: for an
 * all-digit text of even length its Code 128 encoder starts in charset C by itself, so a reader
 * reads exactly the digits. (With `parse`, `^105` is the character `i`, not Start C.)
 */
function identcodeBarcodePng(identcode: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: identcode,
    scaleX: PIXELS_PER_MODULE,
    scaleY: PIXELS_PER_MODULE,
    height: BARCODE.heightMm,
    includetext: false,
  });
}

/** Modules of a Code 128 charset-C symbol for `digits`: start, pairs, check, stop (13). */
const code128cModules = (digits: string) => 11 * (digits.length / 2 + 2) + 13;

/**
 * A real PDF label: sender, services, the identcode as a Code 128 barcode (an image from
 * bwip-js; the SDK's own labels draw vector bars) with its printed form, the recipient, and
 * "SPECIMEN" across the page when `printPreview` is set, as on unapproved Swiss Post labels.
 * Not Swiss Post's real layout: a simulator's stand-in with the same content.
 */
async function renderPdf(label: MockLabel): Promise<Uint8Array> {
  const [widthMm, heightMm] = PAGE_MM[label.layout];
  const barcode = await identcodeBarcodePng(label.identcode);
  const barcodeMm = code128cModules(label.identcode) * BARCODE.moduleMm;
  const document = new PDFDocument({
    size: [widthMm * MM, heightMm * MM],
    margin: 0,
    compress: true,
    info: { Title: `Label ${label.identcode}`, Producer: 'PickPost mock Post server' },
  });
  const chunks: Uint8Array[] = [];
  document.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => document.on('end', () => resolve()));

  const left = 8 * MM;
  let y = 6 * MM;
  document.font('Helvetica').fontSize(7);
  for (const line of label.senderLines) {
    document.text(line, left, y);
    y += 3.2 * MM;
  }
  document
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(label.services.join(' '), left, y + 2 * MM);
  y += 8 * MM;
  // A7 is narrower than the bars plus margins; this stand-in layout then shrinks them.
  document.image(barcode, left, y, {
    width: Math.min(barcodeMm, widthMm - 16) * MM,
    height: BARCODE.heightMm * MM,
  });
  y += 24 * MM;
  document.font('Helvetica').fontSize(9).text(printedIdentcode(label.identcode), left, y);
  y += 8 * MM;
  document.fontSize(10);
  for (const line of label.recipientLines) {
    document.text(line, left, y);
    y += 4.5 * MM;
  }
  if (label.printPreview) {
    document
      .save()
      .rotate(-35, { origin: [(widthMm * MM) / 2, (heightMm * MM) / 2] })
      .font('Helvetica-Bold')
      .fontSize(40)
      .fillColor('#cc0000', 0.35)
      .text('SPECIMEN', 0, (heightMm * MM) / 2 - 20, { width: widthMm * MM, align: 'center' })
      .restore();
  }
  document.end();
  await finished;
  return Buffer.concat(chunks);
}

/**
 * A ZPL II label for the given printer resolution. The module is the whole number of dots
 * nearest 0.508 mm (4, 6, 12): Zebra's `^BY` takes whole dots, so the bars come out 67 mm
 * long, slightly under the prescription; the simulator does not try to do better [G].
 */
function renderZpl(label: MockLabel): Uint8Array {
  const dotsPerMm = DOTS_PER_MM[label.resolution] ?? 8;
  const moduleDots = Math.round(BARCODE.moduleMm * dotsPerMm);
  const at = (xMm: number, yMm: number) =>
    `^FO${Math.round(xMm * dotsPerMm)},${Math.round(yMm * dotsPerMm)}`;
  const zplText = (text: string) => text.replace(/[\^~]/g, ' ');
  const lines = ['^XA', '^CI28'];
  let y = 6;
  for (const line of label.senderLines) {
    lines.push(`${at(8, y)}^A0N,${2 * dotsPerMm},${2 * dotsPerMm}^FD${zplText(line)}^FS`);
    y += 3;
  }
  lines.push(
    `${at(8, y + 2)}^A0N,${4 * dotsPerMm},${4 * dotsPerMm}^FD${zplText(label.services.join(' '))}^FS`,
  );
  y += 8;
  lines.push(
    `${at(8, y)}^BY${moduleDots}^BCN,${BARCODE.heightMm * dotsPerMm},N,N,N^FD>;${label.identcode}^FS`,
  );
  y += 25;
  lines.push(
    `${at(8, y)}^A0N,${3 * dotsPerMm},${3 * dotsPerMm}^FD${printedIdentcode(label.identcode)}^FS`,
  );
  y += 7;
  for (const line of label.recipientLines) {
    lines.push(`${at(8, y)}^A0N,${4 * dotsPerMm},${4 * dotsPerMm}^FD${zplText(line)}^FS`);
    y += 5;
  }
  if (label.printPreview)
    lines.push(`${at(10, 60)}^A0N,${12 * dotsPerMm},${12 * dotsPerMm}^FDSPECIMEN^FS`);
  lines.push('^XZ');
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

export async function renderMockLabel(label: MockLabel): Promise<Uint8Array> {
  return label.imageFileType === 'ZPL2' ? renderZpl(label) : renderPdf(label);
}
