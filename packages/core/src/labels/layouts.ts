import type { LabelLayout } from '../schemas/label-options';

/** Where a line of text sits (mm from the top-left corner of the label) and its size (pt). */
export interface TextSlot {
  readonly x: number;
  readonly baseline: number;
  readonly size: number;
}

/**
 * Geometry of a label layout, in millimetres from the top-left corner of the label as it is
 * read. Every layout is laid out like the Post's own A6 label (reference §Z: a real WSBC 2.4.14
 * label, landscape 147.8 × 104.8 mm): a top band with the free text and the application line,
 * the identcode barcode top left with its human-readable form under it, the service codes
 * turned 90° with their vertical barcodes right of it, the recipient below them and the sender
 * turned 90° along the bottom-left edge. The positions of A6 are measured from that label;
 * Swiss Post's layout figures for A5 and A7 could not be read from any stored source, so A5 and
 * A7 use the same element sizes on their own page [G].
 */
export interface LayoutSpec {
  readonly layout: LabelLayout;
  /** The label as it is read: landscape, like the Post's PDF labels. */
  readonly page: { readonly width: number; readonly height: number };
  /** White border nothing is printed in. */
  readonly margin: number;
  /** The free text (`FreeText`, 34 characters) in the top band, 10 mm away from the address. */
  readonly freeText: TextSlot & { readonly width: number };
  /** The application line: SDK name and version, and the date of printing. */
  readonly appLine: TextSlot;
  /** `SPECIMEN` on preview labels, in the top band right of the free text. */
  readonly specimen: TextSlot;
  /** Top edge of the identcode bars (their left edge is the 8 mm quiet zone). */
  readonly barsTop: number;
  /** Size of the service codes turned beside their barcodes (bold, shrinks to 6 pt). */
  readonly serviceCodeSize: number;
  /** Recipient block: left edge and text sizes. */
  readonly address: { readonly x: number; readonly size: number; readonly minSize: number };
  /** Sender block, turned 90°: where its first line starts across the label, and sizes. */
  readonly sender: { readonly x: number; readonly size: number; readonly minSize: number };
}

/** Swiss Post's printed size for the identcode barcode [V HB §3.1.4]. */
export const IDENTCODE_BARCODE = {
  length: { min: 68.0, max: 69.0 },
  height: { min: 22.8, max: 23.2 },
  /** Aim at the middle of both ranges, so printer rounding stays inside them. */
  targetLength: 68.5,
  targetHeight: 23.0,
  quietZoneLeft: 8,
  /** Code 128 asks for 10 modules on the right; we keep 8 mm, as on the left. */
  quietZoneRight: 8,
  /**
   * Where the bars start: the 8 mm quiet zone and 0.1 mm more, so that rounding to a printer's
   * dots or to a PDF's decimals never eats into it (the Post's own label has 8.001 mm).
   */
  left: 8.1,
  /**
   * The human-readable identcode under the bars: bold, as wide as the bars, 4.7 mm high
   * (reference §Z), 7 mm from the bars' lower edge to its baseline as on the Post's label.
   */
  humanCapHeight: 4.7,
  humanBaselineBelowBars: 7.0,
} as const;

/**
 * The 4-digit service barcodes (PRI 0509, ZAW 3211, …): Code 128 with a 0.508 mm module,
 * 29.0 × 10.0 mm and turned to read from bottom to top, as on the Post's label (reference §Z).
 */
export const SERVICE_BARCODE = {
  module: 0.508,
  /** Start C, two digit pairs, checksum and the 13-module stop: 57 modules, 28.96 mm. */
  modules: 11 + 2 * 11 + 11 + 13,
  /** Bar length across the reading direction. */
  height: 10,
  /** Code 128's quiet zone: 10 modules before the first and after the last bar [ISO/IEC 15417]. */
  quietZone: 10 * 0.508,
  /** Between a code turned beside its barcode and the bars. */
  codeGap: 0.5,
  /** Between two columns of code and barcode. */
  columnGap: 1.5,
  /** Between two rows: more than both quiet zones, which may share the space. */
  rowGap: 6,
} as const;

/** White space Swiss Post asks for around the recipient address [V HB §3.1.4]. */
export const ADDRESS_CLEARANCE = 10;

export const LAYOUTS: Record<LabelLayout, LayoutSpec> = {
  A5: {
    layout: 'A5',
    page: { width: 210, height: 148 },
    margin: 4,
    freeText: { x: 8.1, baseline: 11, size: 9, width: 108 },
    appLine: { x: 8.1, baseline: 20.8, size: 6 },
    specimen: { x: 120, baseline: 13, size: 14 },
    barsTop: 24,
    serviceCodeSize: 10,
    address: { x: 50, size: 12, minSize: 9 },
    sender: { x: 8, size: 9, minSize: 7 },
  },
  // Measured on the Post's label: application line 5 pt at 20.8 mm, bars 8.0 → 76.1 mm across
  // and 24.0 → 47.0 mm down, the service code's baseline 88.2 mm across, the recipient at
  // 43 mm in 11 pt, the sender's lines 8 pt from 2.8 mm above the bottom edge.
  A6: {
    layout: 'A6',
    page: { width: 148, height: 105 },
    margin: 3,
    freeText: { x: 8.1, baseline: 11, size: 8, width: 88 },
    appLine: { x: 8.1, baseline: 20.8, size: 5 },
    specimen: { x: 100, baseline: 13, size: 12 },
    barsTop: 24,
    serviceCodeSize: 10,
    address: { x: 43, size: 11, minSize: 8 },
    sender: { x: 8, size: 8, minSize: 6 },
  },
  // 74 mm of height: the top band shrinks to two small lines above the bars.
  A7: {
    layout: 'A7',
    page: { width: 105, height: 74 },
    margin: 2.5,
    freeText: { x: 8.1, baseline: 4.6, size: 6, width: 60 },
    appLine: { x: 8.1, baseline: 7.2, size: 5 },
    specimen: { x: 70, baseline: 4.9, size: 7 },
    barsTop: 8.3,
    serviceCodeSize: 10,
    address: { x: 26, size: 8, minSize: 6.5 },
    sender: { x: 2.5, size: 6, minSize: 5 },
  },
};

/**
 * An A4 sheet holds four A6 labels. Sheets of A6 labels are A4 portrait cut into two columns
 * of 105 mm and two rows of 148.5 mm, and office printers feed A4 portrait; so the page stays
 * A4 portrait and each landscape label is turned a quarter turn clockwise into its slot (its
 * top edge along the slot's right edge). Positions are 1 2 / 3 4 on the sheet as fed.
 */
export const A4_SHEET = {
  page: { width: 210, height: 297 },
  slot: { width: 105, height: 148.5 },
  slots: 4,
} as const;

/** Top-left corner (mm) of a 1-based position on an A4 sheet: 1 2 / 3 4. */
export function a4SlotOrigin(position: number): { x: number; y: number } {
  const index = position - 1;
  return { x: (index % 2) * A4_SHEET.slot.width, y: Math.floor(index / 2) * A4_SHEET.slot.height };
}

export const MM_TO_PT = 72 / 25.4;
export const PT_TO_MM = 25.4 / 72;
