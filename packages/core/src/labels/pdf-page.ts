import type { LayoutSpec } from './layouts';
import { A4_SHEET, a4SlotOrigin, MM_TO_PT } from './layouts';
import { num } from './pdf-file';

/** A page's size in points. */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/** The page a label is printed on: the label itself, or an A4 sheet of four A6 slots. */
export function pageSizeOf(spec: LayoutSpec, sheet: 'label' | 'a4'): PageSize {
  const page = sheet === 'a4' ? A4_SHEET.page : spec.page;
  return { width: page.width * MM_TO_PT, height: page.height * MM_TO_PT };
}

/**
 * The operators that map label millimetres (y pointing down) onto the page, at a slot of an A4
 * sheet (1–4) or, without one, filling the page. They open a graphics state the caller closes
 * with `Q`.
 */
export function labelMatrixOps(spec: LayoutSpec, page: PageSize, slot?: number): string {
  const k = MM_TO_PT;
  // PDF's y points up: turn it down first, so that everything below works in label terms.
  const flip = `q 1 0 0 -1 0 ${num(page.height)} cm`;
  if (slot === undefined) return `${flip}\n${num(k)} 0 0 ${num(k)} 0 0 cm 0 g`;
  const origin = a4SlotOrigin(slot);
  // The landscape label turned a quarter turn clockwise into its portrait slot: label
  // (x, y) lands on (origin.x + label height − y, origin.y + x).
  const across = origin.x + spec.page.height;
  return `${flip}\n0 ${num(k)} ${num(-k)} 0 ${num(across * k)} ${num(origin.y * k)} cm 0 g`;
}

/** The page dictionary of a label page. */
export function pageDict(parent: number, page: PageSize, content: number, resources: number) {
  return [
    '/Type /Page',
    `/Parent ${parent} 0 R`,
    `/MediaBox [0 0 ${num(page.width)} ${num(page.height)}]`,
    `/Contents ${content} 0 R`,
    `/Resources ${resources} 0 R`,
  ];
}
