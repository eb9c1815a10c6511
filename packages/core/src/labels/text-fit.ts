import type { ValidationIssue } from '../errors/index';
import type { AddressLine } from './addressing';
import type { DrawItem, TextItem } from './drawing';
import type { FontWeight } from './fonts';
import { textWidthMm } from './fonts';
import type { Orientation } from './geometry';
import type { TextSlot } from './layouts';
import { PT_TO_MM } from './layouts';

// DejaVu's ascent and descent as fractions of the em (1901 and 483 of 2048 units).
export const ASCENT = 0.93;
export const DESCENT = 0.24;
const LINE_HEIGHT = 1.2;

/** Points to millimetres. */
export const mm = (sizePt: number) => sizePt * PT_TO_MM;

/** Lines fitted to a width: the size they are printed in and each line's width at 1 pt. */
export interface Block {
  readonly lines: readonly AddressLine[];
  readonly size: number;
  readonly weight: FontWeight;
  /** Upper bound of each line's width at 1 pt, in mm (measured once, scaled by the size). */
  readonly widths: readonly number[];
}

/**
 * The largest size from `size` down to `minSize` (half-point steps) at which every line fits
 * `width`. Lines that are too wide even at `minSize` are reported to `issues`, naming their
 * field: text is never cut.
 */
export function fitBlock(
  lines: readonly AddressLine[],
  sizes: { size: number; minSize: number },
  width: number,
  weight: FontWeight,
  what: string,
  issues: ValidationIssue[],
): Block {
  // Width grows linearly with the size: measure each line once, at 1 pt.
  const widths: number[] = [];
  let widest = 0;
  for (const line of lines) {
    const lineWidth = textWidthMm(line.text, 1, weight);
    widths.push(lineWidth);
    widest = Math.max(widest, lineWidth);
  }
  const largest = widest === 0 ? sizes.size : Math.floor((2 * width) / widest) / 2;
  if (largest >= sizes.minSize) {
    return { lines, size: Math.min(sizes.size, largest), weight, widths };
  }
  lines.forEach((line, index) => {
    const needed = (widths[index] ?? 0) * sizes.minSize;
    if (needed > width) {
      const fields = line.fields.length > 1 ? ` (${line.fields.join(' + ')})` : '';
      issues.push({
        path: line.fields[0] ?? '',
        message: `does not fit the ${what}${fields}: "${line.text}" needs ${needed.toFixed(1)} mm at ${sizes.minSize} pt, the ${what} is ${width.toFixed(1)} mm long; shorten it`,
        code: 'text_does_not_fit',
      });
    }
  });
  return { lines, size: sizes.minSize, weight, widths };
}

/** Extent of a block across its lines: first ascent, line pitches, last descent. */
function blockDepth(block: Block): number {
  if (block.lines.length === 0) return 0;
  const size = mm(block.size);
  return size * ASCENT + (block.lines.length - 1) * size * LINE_HEIGHT + size * DESCENT;
}

/**
 * Places a block's lines one under the other, or, turned 270°, one beside the other from
 * `across` rightwards with every line starting at `along` (its lower end). Returns where the
 * block ends across its lines.
 */
export function placeBlock(
  items: DrawItem[],
  block: Block,
  orientation: 0 | 270,
  across: number,
  along: number,
): number {
  const size = mm(block.size);
  let line = across + size * ASCENT;
  for (let index = 0; index < block.lines.length; index += 1) {
    const { text, fields } = block.lines[index] as AddressLine;
    const width = (block.widths[index] ?? 0) * block.size;
    const [x, baseline] = orientation === 0 ? [along, line] : [line, along];
    items.push(
      textItem(text, x, baseline, block.size, block.weight, {
        field: fields[0],
        orientation,
        width,
      }),
    );
    line += size * LINE_HEIGHT;
  }
  return across + blockDepth(block);
}

/** A line of text; its `width` is measured unless the caller measured it already. */
export function textItem(
  text: string,
  x: number,
  baseline: number,
  size: number,
  weight: FontWeight,
  options: {
    field?: string | undefined;
    orientation?: Orientation;
    scaleX?: number;
    width?: number;
  } = {},
): TextItem {
  const scaleX = options.scaleX ?? 1;
  return {
    kind: 'text',
    x,
    baseline,
    size,
    weight,
    text,
    width: (options.width ?? textWidthMm(text, size, weight)) * scaleX,
    scaleX,
    orientation: options.orientation ?? 0,
    field: options.field ?? '',
  };
}

/** A line of text in one of the layout's fixed slots (application line, `SPECIMEN`). */
export function textSlotItem(
  slot: TextSlot,
  text: string,
  weight: FontWeight,
  field?: string,
): TextItem {
  return textItem(text, slot.x, slot.baseline, slot.size, weight, { field });
}
