/**
 * A check of a PDF file's structure, written from ISO 32000-1 §7.5 for the label tests and
 * independent of the writer: the cross-reference table points at every object, streams are as
 * long as they say and inflate, and every reference names an object that exists. Readers
 * repair files that break these rules, or refuse them; printers' firmware usually refuses.
 */
import { inflateSync } from 'node:zlib';

export interface PdfStructure {
  /** Objects in use, by number: the text of their dictionary and their decoded stream. */
  objects: Map<number, { dict: string; stream: Buffer | undefined }>;
  root: number;
}

function fail(message: string): never {
  throw new Error(`PDF structure: ${message}`);
}

/** Parses `data` as a PDF by its cross-reference table and throws at the first broken rule. */
export function checkPdfStructure(data: Uint8Array): PdfStructure {
  const pdf = Buffer.from(data);
  const text = pdf.toString('latin1');
  if (!text.startsWith('%PDF-1.')) fail('no %PDF-1.x header');
  const tail = /startxref\n(\d+)\n%%EOF\n?$/.exec(text);
  if (tail === null) fail('no startxref and %%EOF at the end');
  const xrefAt = Number(tail[1]);
  const head = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  if (head === null) fail(`startxref ${xrefAt} does not point at an xref table`);
  const size = Number(head[1]);
  const entriesAt = xrefAt + head[0].length;
  const offsets = new Map<number, number>();
  for (let number = 0; number < size; number += 1) {
    const entry = text.slice(entriesAt + 20 * number, entriesAt + 20 * (number + 1));
    const match = /^(\d{10}) (\d{5}) ([nf])(?: \n| \r|\r\n)$/.exec(entry);
    if (match === null) fail(`xref entry ${number} is not 20 bytes of the prescribed form`);
    if (match[3] === 'n') offsets.set(number, Number(match[1]));
  }
  const trailer = /^trailer\n<<([\s\S]*?)>>\nstartxref/.exec(text.slice(entriesAt + 20 * size));
  if (trailer === null) fail('no trailer after the xref table');
  if (!new RegExp(`/Size ${size}\\b`).test(trailer[1] ?? '')) fail('trailer /Size is wrong');
  const root = Number(/\/Root (\d+) 0 R/.exec(trailer[1] ?? '')?.[1] ?? Number.NaN);
  const objects: PdfStructure['objects'] = new Map();
  for (const [number, offset] of offsets) {
    if (!text.startsWith(`${number} 0 obj\n`, offset)) {
      fail(`xref says object ${number} is at ${offset}, which holds something else`);
    }
    const bodyAt = offset + `${number} 0 obj\n`.length;
    const streamAt = text.indexOf('\nstream\n', bodyAt);
    const endAt = text.indexOf('\nendobj', bodyAt);
    if (endAt === -1) fail(`object ${number} has no endobj`);
    if (streamAt === -1 || streamAt > endAt) {
      objects.set(number, { dict: text.slice(bodyAt, endAt), stream: undefined });
      continue;
    }
    const dict = text.slice(bodyAt, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? Number.NaN);
    const start = streamAt + '\nstream\n'.length;
    if (!text.startsWith('\nendstream\nendobj', start + length)) {
      fail(`object ${number}'s /Length ${length} does not end at its endstream`);
    }
    const raw = pdf.subarray(start, start + length);
    const stream = /\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw);
    objects.set(number, { dict, stream });
  }
  for (const [number, { dict }] of objects) {
    for (const reference of dict.matchAll(/(\d+) 0 R/g)) {
      if (!objects.has(Number(reference[1]))) {
        fail(`object ${number} refers to object ${reference[1]}, which is not in the file`);
      }
    }
  }
  if (!/\/Type \/Catalog/.test(objects.get(root)?.dict ?? '')) fail('/Root is no catalog');
  return { objects, root };
}

/** The decoded font programs (`FontFile2`) of a checked PDF, with their `/Length1`. */
export function embeddedFonts(structure: PdfStructure): Array<{ data: Buffer; length1: number }> {
  const fonts: Array<{ data: Buffer; length1: number }> = [];
  for (const { dict } of structure.objects.values()) {
    const file = /\/FontFile2 (\d+) 0 R/.exec(dict)?.[1];
    if (file === undefined) continue;
    const object = structure.objects.get(Number(file));
    if (object?.stream === undefined) fail(`FontFile2 ${file} is no stream`);
    const length1 = Number(/\/Length1 (\d+)/.exec(object.dict)?.[1] ?? Number.NaN);
    fonts.push({ data: object.stream, length1 });
  }
  return fonts;
}

/**
 * Checks a TrueType file's checksums as the OpenType spec defines them: each table's sum of
 * big-endian 32-bit words (zero-padded) in its directory record, and the whole file summing to
 * 0xB1B0AFBA once `head.checkSumAdjustment` is counted. Returns the table tags.
 */
export function checkTrueTypeChecksums(font: Uint8Array): string[] {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const sum = (offset: number, length: number) => {
    let total = 0;
    for (let at = offset; at < offset + length; at += 4) {
      let word = 0;
      for (let byte = 0; byte < 4; byte += 1) {
        word = word * 256 + (at + byte < offset + length ? (font[at + byte] as number) : 0);
      }
      total = (total + word) % 2 ** 32;
    }
    return total;
  };
  const count = view.getUint16(4);
  const tags: string[] = [];
  let headAt = -1;
  for (let index = 0; index < count; index += 1) {
    const record = 12 + 16 * index;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    tags.push(tag);
    const [stated, offset, length] = [8, 12, 16].map((at) => view.getUint32(record + at - 4));
    if (tag === 'head') headAt = offset as number;
    let actual = sum(offset as number, length as number);
    if (tag === 'head') {
      // The table's checksum is taken with checkSumAdjustment as 0.
      actual = (actual - view.getUint32((offset as number) + 8) + 2 ** 32) % 2 ** 32;
    }
    if (actual !== stated) fail(`table ${tag}'s checksum ${stated} should be ${actual}`);
  }
  if (headAt === -1) fail('no head table');
  if (sum(0, font.byteLength) !== 0xb1b0afba) fail('the file does not sum to 0xB1B0AFBA');
  return tags;
}
