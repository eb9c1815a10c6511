import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import type { DrawItem, LabelDrawing, TextItem } from './drawing';
import type { FontWeight } from './fonts';
import { glyphRun, labelFont, textMatrix } from './fonts';
import { forEachBar } from './geometry';

/**
 * Drawings as one-bit rasters, for PNG barcodes. Written here rather than through a canvas
 * library: bars must have each edge on the pixel nearest its nominal place (what keeps the
 * identcode 68.5 mm long at any resolution, as the ZPL labels do), and anti-aliased edges
 * would leave grey pixels a printer dithers; a scanline fill of rectangles and flattened glyph
 * outlines does exactly that, without a native dependency. pngjs writes the file.
 */

/** A glyph outline flattened to closed polygons, in font units (y up): x, y, x, y… */
type Outline = readonly Float64Array[];

const CURVE_STEPS = 8;
const outlines = new Map<string, Outline>();

/** The glyph's outline as polygons, flattened once per process. */
function outlineOf(weight: FontWeight, glyphId: number): Outline {
  const key = `${weight}${glyphId}`;
  let outline = outlines.get(key);
  if (outline !== undefined) return outline;
  const polygons: Float64Array[] = [];
  let points: number[] = [];
  let [x, y] = [0, 0];
  const close = () => {
    if (points.length >= 6) polygons.push(Float64Array.from(points));
    points = [];
  };
  for (const { command, args } of labelFont(weight).font.getGlyph(glyphId).path.commands) {
    const a = args as number[];
    if (command === 'moveTo') {
      close();
      [x, y] = [a[0] as number, a[1] as number];
      points.push(x, y);
    } else if (command === 'lineTo') {
      [x, y] = [a[0] as number, a[1] as number];
      points.push(x, y);
    } else if (command === 'quadraticCurveTo' || command === 'bezierCurveTo') {
      const controls = [x, y, ...a];
      for (let step = 1; step <= CURVE_STEPS; step += 1) {
        points.push(...curvePoint(controls, step / CURVE_STEPS));
      }
      [x, y] = [a[a.length - 2] as number, a[a.length - 1] as number];
    } else if (command === 'closePath') {
      close();
    }
  }
  close();
  outline = polygons;
  outlines.set(key, outline);
  return outline;
}

/** A point of a quadratic (6 numbers) or cubic (8 numbers) Bézier curve at `t`. */
function curvePoint(c: readonly number[], t: number): [number, number] {
  const u = 1 - t;
  if (c.length === 6) {
    const [a, b, d] = [u * u, 2 * u * t, t * t];
    return [
      a * (c[0] as number) + b * (c[2] as number) + d * (c[4] as number),
      a * (c[1] as number) + b * (c[3] as number) + d * (c[5] as number),
    ];
  }
  const [a, b, d, e] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return [
    a * (c[0] as number) + b * (c[2] as number) + d * (c[4] as number) + e * (c[6] as number),
    a * (c[1] as number) + b * (c[3] as number) + d * (c[5] as number) + e * (c[7] as number),
  ];
}

/** A one-byte-a-pixel raster: 1 is ink. */
class Raster {
  readonly ink: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.ink = new Uint8Array(width * height);
  }

  /** Inks the pixels whose centres lie in [x0, x1) × [y0, y1) (pixel units). */
  fillSpan(row: number, x0: number, x1: number): void {
    if (row < 0 || row >= this.height) return;
    const from = Math.max(0, Math.ceil(x0 - 0.5));
    const to = Math.min(this.width, Math.ceil(x1 - 0.5));
    if (to > from) this.ink.fill(1, row * this.width + from, row * this.width + to);
  }

  /** A rectangle with each edge on the pixel boundary nearest to it. */
  fillRect(x0: number, y0: number, x1: number, y1: number): void {
    const [left, right] = [Math.round(x0), Math.round(x1)];
    for (let row = Math.round(y0); row < Math.round(y1); row += 1) this.fillSpan(row, left, right);
  }

  /** Polygons filled by the non-zero winding rule, sampled at pixel centres. */
  fillPolygons(polygons: readonly Float64Array[]): void {
    let [top, bottom] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const polygon of polygons) {
      for (let index = 1; index < polygon.length; index += 2) {
        top = Math.min(top, polygon[index] as number);
        bottom = Math.max(bottom, polygon[index] as number);
      }
    }
    const crossings: { x: number; winding: number }[] = [];
    for (let row = Math.max(0, Math.floor(top)); row <= Math.min(this.height - 1, bottom); row++) {
      const centre = row + 0.5;
      crossings.length = 0;
      for (const polygon of polygons) {
        const count = polygon.length / 2;
        for (let index = 0; index < count; index += 1) {
          const next = (index + 1) % count;
          const [ax, ay] = [polygon[2 * index] as number, polygon[2 * index + 1] as number];
          const [bx, by] = [polygon[2 * next] as number, polygon[2 * next + 1] as number];
          if (ay <= centre === by <= centre) continue;
          crossings.push({
            x: ax + ((centre - ay) / (by - ay)) * (bx - ax),
            winding: by > ay ? 1 : -1,
          });
        }
      }
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let index = 0; index < crossings.length - 1; index += 1) {
        const crossing = crossings[index] as { x: number; winding: number };
        winding += crossing.winding;
        if (winding !== 0) {
          this.fillSpan(row, crossing.x, (crossings[index + 1] as { x: number }).x);
        }
      }
    }
  }
}

/** A text item's glyph outlines placed in pixels, as the SVG and PDF writers place them. */
function textPolygons(item: TextItem, pixelsPerMm: number): Float64Array[] {
  const [a, b, c, d, e, f] = textMatrix(item);
  const polygons: Float64Array[] = [];
  for (const glyph of glyphRun(item.text, item.weight)) {
    for (const outline of outlineOf(item.weight, glyph.id)) {
      const placed = new Float64Array(outline.length);
      for (let index = 0; index < outline.length; index += 2) {
        const fx = (outline[index] as number) + glyph.x;
        const fy = (outline[index + 1] as number) + glyph.y;
        placed[index] = (a * fx + c * fy + e) * pixelsPerMm;
        placed[index + 1] = (b * fx + d * fy + f) * pixelsPerMm;
      }
      polygons.push(placed);
    }
  }
  return polygons;
}

function drawItems(raster: Raster, items: readonly DrawItem[], pixelsPerMm: number): void {
  for (const item of items) {
    if (item.kind === 'barcode') {
      forEachBar(item, (x, y, width, height) =>
        raster.fillRect(
          x * pixelsPerMm,
          y * pixelsPerMm,
          (x + width) * pixelsPerMm,
          (y + height) * pixelsPerMm,
        ),
      );
    } else {
      raster.fillPolygons(textPolygons(item, pixelsPerMm));
    }
  }
}

/**
 * A drawing as a grey-scale PNG (black on white) at `dpi`, its page size rounded to whole
 * pixels, with the resolution recorded (pHYs) so that layout programs place it at true size.
 */
export function drawingToPng(drawing: LabelDrawing, dpi: number): Uint8Array {
  const pixelsPerMm = dpi / 25.4;
  const { page } = drawing.spec;
  const raster = new Raster(
    Math.round(page.width * pixelsPerMm),
    Math.round(page.height * pixelsPerMm),
  );
  drawItems(raster, drawing.fixed.items, pixelsPerMm);
  drawItems(raster, drawing.items, pixelsPerMm);
  const png = new PNG({
    width: raster.width,
    height: raster.height,
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
  });
  const grey = Buffer.alloc(raster.width * raster.height);
  for (let index = 0; index < grey.length; index += 1) grey[index] = raster.ink[index] ? 0 : 255;
  png.data = grey;
  return withResolution(
    PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false }),
    dpi,
  );
}

/** PNG's signature and IHDR chunk: 8 + 25 bytes, after which pHYs goes. */
const AFTER_HEADER = 33;

/**
 * The PNG with a pHYs chunk (pixels per metre) after its header: pngjs does not write one,
 * and without it a layout program assumes 72 or 96 dpi and places the barcode at the wrong size.
 */
function withResolution(png: Buffer, dpi: number): Uint8Array {
  const perMetre = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(perMetre, 8);
  chunk.writeUInt32BE(perMetre, 12);
  chunk.writeUInt8(1, 16);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  return Buffer.concat([png.subarray(0, AFTER_HEADER), chunk, png.subarray(AFTER_HEADER)]);
}
