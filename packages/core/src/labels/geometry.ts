/**
 * Which way a drawn item runs, in degrees clockwise, as ZPL's orientations N, R, I and B:
 * 0 reads left to right; 270 is turned a quarter turn counter-clockwise and reads from bottom
 * to top (the sender and the service barcodes of the Post's label).
 */
export type Orientation = 0 | 90 | 180 | 270;

/**
 * The unit vectors of an orientation in label coordinates (millimetres, y pointing down):
 * `u` along the text or the reading direction, `v` towards the top of the glyphs (for a
 * barcode: away from the bars, whose length runs along `-v`).
 */
export interface Axes {
  readonly ux: number;
  readonly uy: number;
  readonly vx: number;
  readonly vy: number;
}

const AXES: Record<Orientation, Axes> = {
  0: { ux: 1, uy: 0, vx: 0, vy: -1 },
  90: { ux: 0, uy: 1, vx: 1, vy: 0 },
  180: { ux: -1, uy: 0, vx: 0, vy: 1 },
  270: { ux: 0, uy: -1, vx: -1, vy: 0 },
};

export function axesOf(orientation: Orientation): Axes {
  return AXES[orientation];
}

/** `orientation` turned a further `by` degrees clockwise. */
export function turn(orientation: Orientation, by: Orientation): Orientation {
  return ((orientation + by) % 360) as Orientation;
}

/** An axis-aligned rectangle in millimetres, origin top left. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What {@link barRects} needs of a barcode item. */
export interface SymbolPlacement {
  /** Top-left corner of the symbol's bounding box (bars only, no quiet zones). */
  readonly x: number;
  readonly y: number;
  /** Bar length, across the reading direction. */
  readonly height: number;
  /** Module width in mm. */
  readonly module: number;
  readonly orientation: Orientation;
  readonly pattern: { readonly elements: readonly number[]; readonly modules: number };
}

/** The symbol's extent along its reading direction, in mm. */
export function symbolLength(item: SymbolPlacement): number {
  return item.pattern.modules * item.module;
}

/** The bounding box a symbol of this length and height takes in its orientation. */
export function symbolBox(item: Omit<SymbolPlacement, 'pattern'>, length: number): Box {
  const across = item.orientation === 0 || item.orientation === 180;
  return across
    ? { x: item.x, y: item.y, width: length, height: item.height }
    : { x: item.x, y: item.y, width: item.height, height: length };
}

/**
 * Where the first bar starts, on its `v` side, and the two directions a symbol is drawn in:
 * one module along the reading direction and the bar length across it. A bar from module `p`
 * to `p + w` covers `origin + [p, p + w]·along + [0, 1]·across`; PDF draws exactly that with one
 * matrix, SVG and ZPL take the rectangles from {@link barRects}.
 */
export function symbolFrame(item: SymbolPlacement): {
  origin: readonly [number, number];
  along: readonly [number, number];
  across: readonly [number, number];
} {
  const { ux, uy, vx, vy } = axesOf(item.orientation);
  const length = symbolLength(item);
  // The box is origin + [0, length]·u + [0, height]·(−v); start from its top-left corner.
  const x = item.x + (ux < 0 ? length : 0) + (vx > 0 ? item.height : 0);
  const y = item.y + (uy < 0 ? length : 0) + (vy > 0 ? item.height : 0);
  return {
    origin: [x, y],
    along: [ux * item.module, uy * item.module],
    across: [-vx * item.height, -vy * item.height],
  };
}

/**
 * Calls `visit` with every bar of a symbol as an axis-aligned rectangle in label millimetres
 * (left, top, width, height), without building the rectangles: ZPL draws a box per bar. With
 * `range`, only the elements from `from` (an even index: a bar) to `to`, which start
 * `position` modules into the symbol.
 */
export function forEachBar(
  item: SymbolPlacement,
  visit: (x: number, y: number, width: number, height: number) => void,
  range: { readonly from: number; readonly to: number; readonly position: number } = {
    from: 0,
    to: item.pattern.elements.length,
    position: 0,
  },
): void {
  const { origin, along, across } = symbolFrame(item);
  let position = range.position;
  const { elements } = item.pattern;
  for (let index = range.from; index < range.to; index += 1) {
    const width = elements[index] as number;
    if (index % 2 === 0) {
      const x1 = origin[0] + position * along[0];
      const y1 = origin[1] + position * along[1];
      const x2 = origin[0] + (position + width) * along[0] + across[0];
      const y2 = origin[1] + (position + width) * along[1] + across[1];
      visit(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    }
    position += width;
  }
}

/** Every bar of a symbol as an axis-aligned rectangle in label millimetres. */
export function barRects(item: SymbolPlacement): Box[] {
  const rects: Box[] = [];
  forEachBar(item, (x, y, width, height) => rects.push({ x, y, width, height }));
  return rects;
}

/**
 * A label turned a quarter turn clockwise onto a frame as tall as the label is wide: what a
 * landscape label becomes on an A4 slot or on a label printer fed with the short side first.
 * Label point (x, y) lands on (`labelHeight` − y, x).
 */
export function turnClockwise(x: number, y: number, labelHeight: number): [number, number] {
  return [labelHeight - y, x];
}
