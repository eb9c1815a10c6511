import type { LabelLayout } from '../schemas/label-options';

/**
 * Geometry of each label layout, in millimetres. A5 and A6 stack their blocks top to bottom.
 * A7 (74 × 105 mm) is too narrow for a 68–69 mm barcode with its 8 mm quiet zone, so its
 * content is laid out landscape (105 × 74) and turned 90° clockwise onto the portrait page:
 * the barcode keeps Swiss Post's full printed size, which is the only size the reference gives.
 */
export interface LayoutSpec {
  readonly layout: LabelLayout;
  /** The page as printed. */
  readonly page: { readonly width: number; readonly height: number };
  /** The area the blocks are laid out in; landscape for A7. */
  readonly content: { readonly width: number; readonly height: number };
  readonly rotated: boolean;
  readonly arrangement: 'stack' | 'columns';
  readonly margin: number;
  readonly sender: { readonly size: number; readonly minSize: number };
  readonly address: {
    readonly x: number;
    readonly size: number;
    readonly minSize: number;
    /** For `columns`: where the right-hand column (sender, services) starts. */
    readonly columnX?: number;
  };
  /** Service codes as text, in the header. */
  readonly codes: { readonly size: number; readonly minSize: number };
  readonly freeTextSize: number;
  readonly humanIdentcodeSize: number;
  /** Small text: captions under service barcodes. */
  readonly captionSize: number;
  readonly serviceBarcodeHeight: number;
}

/** Swiss Post's printed size for the identcode barcode [V HB §3.1.4]. */
export const IDENTCODE_BARCODE = {
  length: { min: 68.0, max: 69.0 },
  height: { min: 22.8, max: 23.2 },
  /** Aim at the middle of both ranges, so printer rounding stays inside them. */
  targetLength: 68.5,
  targetHeight: 23.0,
  quietZoneLeft: 8,
  /** Code 128 asks for 10 modules on the right; 8 mm is more and keeps the code centred. */
  quietZoneRight: 8,
} as const;

/** White space Swiss Post asks for around the recipient address [V HB §3.1.4]. */
export const ADDRESS_CLEARANCE = 10;

/**
 * Module width of the 4-digit service barcodes: 4 dots at 300 dpi, 8 at 600, so ZPL prints
 * them exactly as PDF does. Swiss Post gives no size for them [G].
 */
export const SERVICE_BARCODE_MODULE = 25.4 / 75;

/** Gap between service barcodes; more than Code 128's 10-module quiet zone. */
export const SERVICE_BARCODE_GAP = 5;

/** A layout's content area is its page, turned a quarter when the layout is rotated. */
function layoutSpec(spec: Omit<LayoutSpec, 'content'>): LayoutSpec {
  const { width, height } = spec.page;
  return { ...spec, content: spec.rotated ? { width: height, height: width } : { width, height } };
}

export const LAYOUTS: Record<LabelLayout, LayoutSpec> = {
  A5: layoutSpec({
    layout: 'A5',
    page: { width: 148, height: 210 },
    rotated: false,
    arrangement: 'stack',
    margin: 6,
    sender: { size: 9, minSize: 7 },
    address: { x: 14, size: 12, minSize: 9 },
    codes: { size: 18, minSize: 10 },
    freeTextSize: 9,
    humanIdentcodeSize: 10,
    captionSize: 7,
    serviceBarcodeHeight: 8,
  }),
  A6: layoutSpec({
    layout: 'A6',
    page: { width: 105, height: 148 },
    rotated: false,
    arrangement: 'stack',
    margin: 4,
    sender: { size: 7, minSize: 6 },
    address: { x: 10, size: 10, minSize: 8 },
    codes: { size: 14, minSize: 8 },
    freeTextSize: 7,
    humanIdentcodeSize: 9,
    captionSize: 6,
    serviceBarcodeHeight: 8,
  }),
  A7: layoutSpec({
    layout: 'A7',
    page: { width: 74, height: 105 },
    rotated: true,
    arrangement: 'columns',
    margin: 3,
    sender: { size: 6, minSize: 5 },
    address: { x: 3, size: 8, minSize: 6, columnX: 68 },
    codes: { size: 10, minSize: 7 },
    freeTextSize: 6,
    humanIdentcodeSize: 8,
    captionSize: 5,
    serviceBarcodeHeight: 6,
  }),
};

/** An A4 sheet holds four A6 labels, two across and two down. */
export const A4_SHEET = {
  page: { width: 210, height: 297 },
  /** Slot pitch: A4 label sheets cut 297 mm into two rows of 148.5 mm. */
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
