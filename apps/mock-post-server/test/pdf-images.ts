/**
 * Takes the raster images back out of a label PDF and reads the bars of a barcode image, for
 * tests: a small PDF object reader (FlateDecode, PNG predictors, soft masks), no PDF library.
 * The Code 128 decoding itself is core's test reader with its own symbol table (ISO/IEC 15417),
 * independent of bwip-js, which drew the image.
 */
import { inflateSync } from 'node:zlib';
import type { Rect } from '../../../packages/core/test/label-readers';

interface PdfObject {
  dict: string;
  stream: Buffer | undefined;
}

/** An image XObject, its samples decoded: `channels` bytes per pixel, rows top to bottom. */
export interface PdfImage {
  width: number;
  height: number;
  channels: number;
  samples: Buffer;
  /** The soft mask (alpha), when the image has one. */
  mask?: PdfImage | undefined;
}

const numberIn = (dict: string, key: string) => {
  const match = new RegExp(`/${key}\\s+(\\d+)`).exec(dict);
  return match === null ? undefined : Number(match[1]);
};

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = (match.index ?? 0) + match[0].length;
    // A dictionary never holds these words, so the first one after `obj` tells what follows.
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    if (streamAt === -1 || streamAt > end) {
      objects.set(Number(match[1]), { dict: text.slice(start, end), stream: undefined });
      continue;
    }
    const dict = text.slice(start, streamAt);
    const dataStart = streamAt + (text[streamAt + 6] === '\r' ? 8 : 7);
    const length = numberIn(dict, 'Length') ?? 0;
    const raw = pdf.subarray(dataStart, dataStart + length);
    objects.set(Number(match[1]), {
      dict,
      stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw),
    });
  }
  return objects;
}

/** Undoes the PNG row filters (None, Sub, Up, Average, Paeth) of predictor 10–15 data. */
function unfilterPng(data: Buffer, rowBytes: number, bytesPerPixel: number): Buffer {
  const rows = data.length / (rowBytes + 1);
  const out = Buffer.alloc(rows * rowBytes);
  for (let row = 0; row < rows; row += 1) {
    const filter = data[row * (rowBytes + 1)];
    const line = data.subarray(row * (rowBytes + 1) + 1, (row + 1) * (rowBytes + 1));
    for (let i = 0; i < rowBytes; i += 1) {
      const left = i >= bytesPerPixel ? (out[row * rowBytes + i - bytesPerPixel] ?? 0) : 0;
      const up = row > 0 ? (out[(row - 1) * rowBytes + i] ?? 0) : 0;
      const upLeft =
        row > 0 && i >= bytesPerPixel ? (out[(row - 1) * rowBytes + i - bytesPerPixel] ?? 0) : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = Math.floor((left + up) / 2);
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[row * rowBytes + i] = ((line[i] ?? 0) + predictor) & 0xff;
    }
  }
  return out;
}

function toImage(objects: Map<number, PdfObject>, object: PdfObject): PdfImage {
  const width = numberIn(object.dict, 'Width') ?? 0;
  const height = numberIn(object.dict, 'Height') ?? 0;
  if (numberIn(object.dict, 'BitsPerComponent') !== 8)
    throw new Error('only 8-bit images are read here');
  const channels = /\/DeviceRGB/.test(object.dict) ? 3 : 1;
  let samples = object.stream ?? Buffer.alloc(0);
  if ((numberIn(object.dict, 'Predictor') ?? 1) >= 10)
    samples = unfilterPng(samples, width * channels, channels);
  const maskRef = /\/SMask\s+(\d+) 0 R/.exec(object.dict)?.[1];
  const maskObject = maskRef === undefined ? undefined : objects.get(Number(maskRef));
  return {
    width,
    height,
    channels,
    samples,
    mask: maskObject === undefined ? undefined : toImage(objects, maskObject),
  };
}

/** Every image XObject of a PDF (soft masks only as the `mask` of their image). */
export function pdfImages(pdf: Buffer): PdfImage[] {
  const objects = readObjects(pdf);
  const masks = new Set(
    [...objects.values()].flatMap((object) => {
      const ref = /\/SMask\s+(\d+) 0 R/.exec(object.dict)?.[1];
      return ref === undefined ? [] : [Number(ref)];
    }),
  );
  return [...objects.entries()]
    .filter(([number, object]) => /\/Subtype\s*\/Image/.test(object.dict) && !masks.has(number))
    .map(([, object]) => toImage(objects, object));
}

/** Where each image is drawn, in PDF points: the `cm` matrix before its `Do`. */
export function imagePlacements(pdf: Buffer): Array<{ width: number; height: number }> {
  const objects = readObjects(pdf);
  return [...objects.values()].flatMap((object) => {
    const content = object.stream?.toString('latin1') ?? '';
    return [...content.matchAll(/([\d.]+) 0 0 (-?[\d.]+) [-\d.]+ [-\d.]+ cm\s*\/\w+ Do/g)].map(
      (match) => ({ width: Number(match[1]), height: Math.abs(Number(match[2])) }),
    );
  });
}

/**
 * The dark runs of one pixel row as bars (x and width in pixels, the image height as their
 * height), each pixel composited over white paper through its soft mask, as a printer would.
 */
export function barsOfRow(image: PdfImage, row: number): Rect[] {
  const lightness = (x: number) => {
    const at = (row * image.width + x) * image.channels;
    let value = 0;
    for (let c = 0; c < image.channels; c += 1) value += image.samples[at + c] ?? 0;
    value /= image.channels;
    const alpha = image.mask === undefined ? 255 : (image.mask.samples[row * image.width + x] ?? 0);
    return (value * alpha + 255 * (255 - alpha)) / 255;
  };
  const bars: Rect[] = [];
  let runStart: number | undefined;
  for (let x = 0; x <= image.width; x += 1) {
    const dark = x < image.width && lightness(x) < 128;
    if (dark && runStart === undefined) runStart = x;
    if (!dark && runStart !== undefined) {
      bars.push({ x: runStart, y: 0, width: x - runStart, height: image.height });
      runStart = undefined;
    }
  }
  return bars;
}
