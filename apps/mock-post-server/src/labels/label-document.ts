import { humanIdentcode, IDENTCODE_BARCODE } from '@pickpost/core';
import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';

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
 * A real PDF label: sender, services, the identcode as a Code 128 barcode (an image from
 * bwip-js; the SDK's own labels draw vector bars) with its printed form, the recipient, and
 * "SPECIMEN" across the page when `printPreview` is set, as on unapproved Swiss Post labels.
 * Not Swiss Post's real layout: a simulator's stand-in with the same content.
 */
async function renderPdf(label: MockLabel): Promise<Uint8Array> {
  const [widthMm, heightMm] = PAGE_MM[label.layout];
  const barcode = await bwipjs.toBuffer({
    bcid: 'code128',
    text: `^105${label.identcode}`,
    parse: true,
    scale: 3,
    height: IDENTCODE_BARCODE.targetHeight,
    includetext: false,
  });
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
  document.image(barcode, left, y, {
    width: Math.min(IDENTCODE_BARCODE.targetLength, widthMm - 16) * MM,
    height: IDENTCODE_BARCODE.targetHeight * MM,
  });
  y += 24 * MM;
  document.font('Helvetica').fontSize(9).text(humanIdentcode(label.identcode), left, y);
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

/** A ZPL II label for the given printer resolution (dots per mm: 8 at 203 dpi, 12 at 300). */
function renderZpl(label: MockLabel): Uint8Array {
  const dotsPerMm = label.resolution >= 300 ? 12 : 8;
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
    `${at(8, y)}^BY3^BCN,${IDENTCODE_BARCODE.targetHeight * dotsPerMm},N,N,N^FD>;${label.identcode}^FS`,
  );
  y += 25;
  lines.push(
    `${at(8, y)}^A0N,${3 * dotsPerMm},${3 * dotsPerMm}^FD${humanIdentcode(label.identcode)}^FS`,
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
