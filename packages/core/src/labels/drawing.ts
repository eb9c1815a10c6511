import type { ValidationIssue } from '../errors/index';
import type { Code128Pattern } from './code128';
import type { FontWeight } from './fonts';
import type { Box, Orientation } from './geometry';
import type { LayoutSpec } from './layouts';

/**
 * A line of text. `(x, baseline)` is where its baseline starts; the baseline runs along the
 * orientation (up the label for 270). `width` is an upper bound of its extent along it.
 */
export interface TextItem {
  readonly kind: 'text';
  readonly x: number;
  readonly baseline: number;
  readonly size: number;
  readonly weight: FontWeight;
  readonly text: string;
  readonly width: number;
  /** Horizontal scale of the glyphs (1: as designed; the human identcode is narrowed). */
  readonly scaleX: number;
  readonly orientation: Orientation;
  /** The input field the text comes from, for errors a format raises later (ZPL glyphs). */
  readonly field: string;
}

/** A Code 128 symbol; `x`, `y` are the top-left corner of its bars' bounding box. */
export interface BarcodeItem {
  readonly kind: 'barcode';
  readonly x: number;
  readonly y: number;
  /** Bar length, across the reading direction. */
  readonly height: number;
  /** Module (narrowest bar) width in mm. */
  readonly module: number;
  readonly pattern: Code128Pattern;
  /** 0 reads left to right; 270 from bottom to top. */
  readonly orientation: Orientation;
  readonly purpose: 'identcode' | 'service';
}

export type DrawItem = TextItem | BarcodeItem;

/**
 * What a label of one batch shares with the others: the application line, `SPECIMEN`, the
 * service codes with their barcodes and the sender block. It depends on the sender, the
 * services and the options only, so it is composed once and the same object is handed to
 * every label that has it; the formats key their own caches of its drawn form on it.
 */
export interface FixedPart {
  readonly items: readonly DrawItem[];
  /** The box of each item, in the same order, for the clearance check of the address. */
  readonly boxes: readonly Box[];
  /** Rule breaches of the fixed items, by the check that found them (see `composeLabel`). */
  readonly issues: {
    readonly services: readonly ValidationIssue[];
    readonly senderText: readonly ValidationIssue[];
    readonly codesFit: readonly ValidationIssue[];
    readonly senderFit: readonly ValidationIssue[];
  };
  /** Lines left for the address and the free text (A6 gives two to delivery instructions). */
  readonly lineBudget: number;
  /** Where the address block may start (its top) and must end (its right edge), in mm. */
  readonly addressTop: number;
  readonly addressRight: number;
}

/**
 * A label as format-neutral drawing instructions in millimetres, from the top-left corner of
 * the label as it is read (landscape). PDF, SVG and ZPL each draw the same drawing.
 */
export interface LabelDrawing {
  readonly spec: LayoutSpec;
  readonly identcode: string;
  /** Items that depend only on the sender, the services and the options, not on the parcel. */
  readonly fixed: FixedPart;
  /** Items of this parcel: its address, free text and identcode. */
  readonly items: readonly DrawItem[];
}
