import type { DrawItem, TextItem } from './drawing';
import type { Box } from './geometry';
import { axesOf, symbolBox, symbolLength } from './geometry';
import { layoutOverflow } from './label-render-error';
import type { LayoutSpec } from './layouts';
import { ADDRESS_CLEARANCE } from './layouts';
import { ASCENT, DESCENT, mm } from './text-fit';

/**
 * The box a text item's glyphs can take: along its baseline for `width`, from the ascent
 * above it to the descent below it.
 */
function textBox(item: TextItem): Box {
  const { ux, uy, vx, vy } = axesOf(item.orientation);
  const size = mm(item.size);
  const [up, down] = [size * ASCENT, -size * DESCENT];
  const x = item.x + Math.min(0, item.width * ux) + Math.min(up * vx, down * vx);
  const y = item.baseline + Math.min(0, item.width * uy) + Math.min(up * vy, down * vy);
  const width = Math.abs(item.width * ux) + Math.abs((up - down) * vx);
  const height = Math.abs(item.width * uy) + Math.abs((up - down) * vy);
  return { x, y, width, height };
}

/** The box an item takes on the label. */
export function boxOf(item: DrawItem): Box {
  return item.kind === 'text' ? textBox(item) : symbolBox(item, symbolLength(item));
}

/** The smallest box around `boxes`. */
function around(boxes: readonly Box[]): Box {
  let [x, y, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    x = Math.min(x, box.x);
    y = Math.min(y, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x, y, width: right - x, height: bottom - y };
}

/** The gap between two boxes (0 when they touch or overlap). */
function gapBetween(a: Box, b: Box): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.sqrt(dx * dx + dy * dy);
}

function describe(item: DrawItem): string {
  return item.kind === 'text' ? `"${item.text}"` : `the ${item.purpose} barcode`;
}

/**
 * Swiss Post's 10 mm of white space around the address, checked on what was placed: the
 * address against every other item, given with its box (the fixed items' boxes are computed
 * once per batch).
 */
export function assertClearance(
  address: readonly DrawItem[],
  others: ReadonlyArray<{ readonly items: readonly DrawItem[]; readonly boxes: readonly Box[] }>,
  spec: LayoutSpec,
): void {
  const block = around(address.map(boxOf));
  for (const { items, boxes } of others) {
    for (let index = 0; index < boxes.length; index += 1) {
      if (gapBetween(block, boxes[index] as Box) < ADDRESS_CLEARANCE - 1e-9) {
        const item = items[index] as DrawItem;
        throw layoutOverflow(
          spec.layout,
          `10 mm of white space around the address (${describe(item)})`,
        );
      }
    }
  }
}
