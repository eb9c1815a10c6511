import type { ValidationIssue } from '../errors/index';
import {
  formatIdentcode,
  humanIdentcode,
  IdentcodeError,
  parseIdentcode,
} from '../identcode/index';
import { encodeCode128C } from './code128';
import type { DrawItem } from './drawing';
import { advanceWidthMm, capHeightEm, WIDTH_SAFETY } from './fonts';
import type { LayoutSpec } from './layouts';
import { IDENTCODE_BARCODE, PT_TO_MM } from './layouts';
import { DESCENT, mm, textItem } from './text-fit';

/** The identcode's 18 digits, or `undefined` (reported to `issues`) when it is not one. */
export function identcodeDigits(identcode: string, issues: ValidationIssue[]): string | undefined {
  try {
    return formatIdentcode(parseIdentcode(identcode));
  } catch (error) {
    if (!(error instanceof IdentcodeError)) throw error;
    issues.push({ path: 'identcode', message: error.message, code: 'invalid_identcode' });
    return undefined;
  }
}

let humanSize: number | undefined;

/** The human-readable identcode's size: capitals 4.7 mm high. */
function humanIdentcodeSize(): number {
  humanSize ??= IDENTCODE_BARCODE.humanCapHeight / (capHeightEm('bold') * PT_TO_MM);
  return humanSize;
}

function humanIdentcodeBaseline(spec: LayoutSpec): number {
  return spec.barsTop + IDENTCODE_BARCODE.targetHeight + IDENTCODE_BARCODE.humanBaselineBelowBars;
}

/** Where the human-readable identcode's glyphs end at the most (its descent). */
export function humanIdentcodeBottom(spec: LayoutSpec): number {
  return humanIdentcodeBaseline(spec) + mm(humanIdentcodeSize()) * DESCENT;
}

/**
 * The identcode barcode at Swiss Post's size, 8 mm from the left edge, and under it its
 * human-readable form in bold, 4.7 mm high and narrowed to exactly the bars' length.
 */
export function placeIdentcode(items: DrawItem[], digits: string, spec: LayoutSpec): void {
  const pattern = encodeCode128C(digits);
  items.push({
    kind: 'barcode',
    x: IDENTCODE_BARCODE.left,
    y: spec.barsTop,
    height: IDENTCODE_BARCODE.targetHeight,
    module: IDENTCODE_BARCODE.targetLength / pattern.modules,
    pattern,
    orientation: 0,
    purpose: 'identcode',
  });
  const human = humanIdentcode(digits);
  const size = humanIdentcodeSize();
  const advance = advanceWidthMm(human, size, 'bold');
  const scaleX = Math.min(1, IDENTCODE_BARCODE.targetLength / advance);
  items.push(
    textItem(human, IDENTCODE_BARCODE.left, humanIdentcodeBaseline(spec), size, 'bold', {
      scaleX,
      width: advance * WIDTH_SAFETY,
    }),
  );
}
