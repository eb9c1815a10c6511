import type { ByteWriter } from './byte-writer';
import type { LayoutSpec } from './layouts';
import { A4_SHEET, a4SlotOrigin, MM_TO_PT } from './layouts';

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
 * Writes the operators that map label millimetres (y pointing down) onto the page, at a slot
 * of an A4 sheet (1–4) or, without one, filling the page. They open a graphics state the
 * caller closes with `Q`.
 */
export function labelMatrixOps(
  out: ByteWriter,
  spec: LayoutSpec,
  page: PageSize,
  slot?: number,
): void {
  const k = MM_TO_PT;
  // PDF's y points up: turn it down first, so that everything below works in label terms.
  out.ascii('q 1 0 0 -1 0 ').number(page.height).ascii(' cm\n');
  if (slot === undefined) {
    out.matrix(k, 0, 0, k, 0, 0).ascii(' cm 0 g');
    return;
  }
  const origin = a4SlotOrigin(slot);
  // The landscape label turned a quarter turn clockwise into its portrait slot: label
  // (x, y) lands on (origin.x + label height − y, origin.y + x).
  const across = origin.x + spec.page.height;
  out.matrix(0, k, -k, 0, across * k, origin.y * k).ascii(' cm 0 g');
}

/** Writes the dictionary of a label page. */
export function writePageDict(
  out: ByteWriter,
  numbers: { readonly parent: number; readonly content: number; readonly resources: number },
  page: PageSize,
): void {
  out.ascii('<<\n/Type /Page\n/Parent ').number(numbers.parent).ascii(' 0 R\n/MediaBox [0 0 ');
  out.number(page.width).ascii(' ').number(page.height).ascii(']\n/Contents ');
  out.number(numbers.content).ascii(' 0 R\n/Resources ').number(numbers.resources);
  out.ascii(' 0 R\n>>');
}
