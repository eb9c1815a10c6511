import type { ValidationIssue } from '../errors/index';
import { PickPostValidationError } from '../errors/index';
import {
  formatIdentcode,
  humanIdentcode,
  IdentcodeError,
  parseIdentcode,
} from '../identcode/index';
import type { LabelOptions } from '../schemas/label-options';
import { ADDITIONAL_SERVICE_BARCODES, LAYOUT_CODE_LIMITS } from '../schemas/swiss-post-rules';
import { postTextProblems, quoteList } from '../schemas/text';
import type { AddressLine } from './addressing';
import {
  ADDRESS_LINES,
  domesticAddressLines,
  fitAddressLines,
  pickupPointAddressLines,
  senderLines,
} from './addressing';
import type { Code128Pattern } from './code128';
import { encodeCode128C } from './code128';
import type { FontWeight } from './fonts';
import { missingGlyphs, textWidthMm } from './fonts';
import { LabelRenderError } from './label-render-error';
import type { LayoutSpec } from './layouts';
import {
  ADDRESS_CLEARANCE,
  IDENTCODE_BARCODE,
  LAYOUTS,
  PT_TO_MM,
  SERVICE_BARCODE_GAP,
  SERVICE_BARCODE_MODULE,
} from './layouts';
import type { LabelInput } from './types';

/** A line of text; `baseline` is the y of its baseline, `width` an upper bound of its extent. */
export interface TextItem {
  readonly kind: 'text';
  readonly x: number;
  readonly baseline: number;
  readonly size: number;
  readonly weight: FontWeight;
  readonly text: string;
  readonly width: number;
  /** The input field the text comes from, for errors a format raises later (ZPL glyphs). */
  readonly field: string;
}

/** A Code 128 symbol; `x`, `y` are the top-left of its first bar. */
export interface BarcodeItem {
  readonly kind: 'barcode';
  readonly x: number;
  readonly y: number;
  readonly height: number;
  /** Module (narrowest bar) width in mm. */
  readonly module: number;
  readonly pattern: Code128Pattern;
  readonly purpose: 'identcode' | 'service';
}

export type DrawItem = TextItem | BarcodeItem;

/**
 * A label as format-neutral drawing instructions in millimetres, in the layout's content
 * coordinates (landscape for A7). PDF, SVG and ZPL each draw the same drawing.
 */
export interface LabelDrawing {
  readonly spec: LayoutSpec;
  readonly identcode: string;
  /** Items that depend only on the sender, the services and the options, not on the parcel. */
  readonly fixed: readonly DrawItem[];
  /** Items of this parcel: its address, free text and identcode. */
  readonly items: readonly DrawItem[];
}

// DejaVu's ascent and descent as fractions of the em (1901 and 483 of 2048 units).
const ASCENT = 0.93;
const DESCENT = 0.24;
const LINE_HEIGHT = 1.2;

const mm = (sizePt: number) => sizePt * PT_TO_MM;

const ZAW_PATTERN = /^ZAW(\d{4})$/;

interface Block {
  readonly lines: readonly AddressLine[];
  readonly size: number;
  readonly weight: FontWeight;
}

class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  add(path: string, message: string, code: string): void {
    this.issues.push({ path, message, code });
  }
}

/** Characters already seen to be printable, allowed and present in the label font. */
const cleanCharacters = new Set<string>();

function isClean(text: string): boolean {
  for (const character of text) {
    if (cleanCharacters.has(character)) continue;
    if (postTextProblems(character, 1).length > 0 || missingGlyphs(character).length > 0) {
      return false;
    }
    // Bounded by the printable ranges the schemas allow: a few thousand characters at most.
    cleanCharacters.add(character);
  }
  return true;
}

/**
 * Checks what the schemas cannot know: every character has a glyph in the label font, and the
 * line text still follows the Swiss Post text rules (inputs are typed, but may not have been
 * parsed).
 */
function checkLineText(line: AddressLine, issues: IssueCollector): void {
  if (isClean(line.text)) return;
  const path = line.fields[0] ?? '';
  const problems = postTextProblems(line.text, Number.POSITIVE_INFINITY);
  for (const problem of problems) issues.add(path, problem.message, problem.code);
  // Characters the rules already refuse need not be reported twice.
  const missing = problems.some((problem) => problem.code === 'unprintable_character')
    ? []
    : missingGlyphs(line.text);
  if (missing.length > 0) {
    issues.add(
      path,
      `contains characters the label font cannot draw: ${quoteList(missing)}`,
      'unprintable_character',
    );
  }
}

/**
 * The largest size from `size` down to `minSize` (half-point steps) at which every line fits
 * `width`. Lines that are too wide even at `minSize` are reported, naming their field: text is
 * never cut.
 */
function fitBlock(
  lines: readonly AddressLine[],
  sizes: { size: number; minSize: number },
  width: number,
  weight: FontWeight,
  what: string,
  issues: IssueCollector,
): Block {
  // Width grows linearly with the size: measure each line once, at 1 pt.
  let widest = 0;
  for (const line of lines) widest = Math.max(widest, textWidthMm(line.text, 1, weight));
  const largest = widest === 0 ? sizes.size : Math.floor((2 * width) / widest) / 2;
  if (largest >= sizes.minSize) return { lines, size: Math.min(sizes.size, largest), weight };
  for (const line of lines) {
    const needed = textWidthMm(line.text, sizes.minSize, weight);
    if (needed > width) {
      const fields = line.fields.length > 1 ? ` (${line.fields.join(' + ')})` : '';
      issues.add(
        line.fields[0] ?? '',
        `does not fit the ${what}${fields}: "${line.text}" needs ${needed.toFixed(1)} mm at ${sizes.minSize} pt, the ${what} is ${width.toFixed(1)} mm wide; shorten it`,
        'text_does_not_fit',
      );
    }
  }
  return { lines, size: sizes.minSize, weight };
}

function blockHeight(block: Block): number {
  if (block.lines.length === 0) return 0;
  const size = mm(block.size);
  return size * ASCENT + (block.lines.length - 1) * size * LINE_HEIGHT + size * DESCENT;
}

function placeBlock(items: DrawItem[], block: Block, x: number, top: number): number {
  const size = mm(block.size);
  let baseline = top + size * ASCENT;
  for (const line of block.lines) {
    items.push(textItem(line.text, x, baseline, block.size, block.weight, line.fields[0]));
    baseline += size * LINE_HEIGHT;
  }
  return top + blockHeight(block);
}

function textItem(
  text: string,
  x: number,
  baseline: number,
  size: number,
  weight: FontWeight,
  field = '',
): TextItem {
  const width = textWidthMm(text, size, weight);
  return { kind: 'text', x, baseline, size, weight, text, width, field };
}

interface ServiceCode {
  readonly code: string;
  readonly digits: string;
}

interface LabelContent {
  readonly identcode: string;
  readonly recipient: readonly AddressLine[];
  readonly sender: readonly AddressLine[];
  readonly freeText: AddressLine | undefined;
  readonly przl: readonly string[];
  readonly przlPath: string;
}

function contentOf(input: LabelInput): LabelContent {
  if (input.type === 'shipment') {
    const { shipment, sender } = input;
    return {
      identcode: input.identcode,
      recipient: pickupPointAddressLines(shipment),
      sender: senderLines(sender, 'sender.'),
      freeText:
        shipment.freeText === undefined
          ? undefined
          : { text: shipment.freeText, role: 'freeText', fields: ['shipment.freeText'] },
      przl: shipment.parcel.przl,
      przlPath: 'shipment.parcel.przl',
    };
  }
  return {
    identcode: input.identcode,
    recipient: domesticAddressLines(input.returnAddress, 'returnAddress.'),
    sender: senderLines(input.customer, 'customer.'),
    freeText:
      input.freeText === undefined || input.freeText === ''
        ? undefined
        : { text: input.freeText, role: 'freeText', fields: ['freeText'] },
    przl: input.parcel.przl,
    przlPath: 'parcel.przl',
  };
}

function identcodeDigits(identcode: string, issues: IssueCollector): string | undefined {
  try {
    return formatIdentcode(parseIdentcode(identcode));
  } catch (error) {
    if (!(error instanceof IdentcodeError)) throw error;
    issues.add('identcode', error.message, 'invalid_identcode');
    return undefined;
  }
}

function serviceCodes(
  content: LabelContent,
  spec: LayoutSpec,
  issues: IssueCollector,
): { text: string[]; barcodes: ServiceCode[]; zawCount: number } {
  const limits = LAYOUT_CODE_LIMITS[spec.layout];
  const text: string[] = [];
  const barcodes: ServiceCode[] = [];
  let zawCount = 0;
  for (const code of content.przl) {
    const zaw = ZAW_PATTERN.exec(code);
    if (zaw?.[1] !== undefined) {
      zawCount += 1;
      barcodes.push({ code, digits: zaw[1] });
      continue;
    }
    text.push(code);
    const digits = ADDITIONAL_SERVICE_BARCODES[code];
    if (digits !== undefined) barcodes.push({ code, digits });
  }
  if (text.length > limits.przl) {
    issues.add(
      content.przlPath,
      `holds ${text.length} service codes; an ${spec.layout} label prints at most ${limits.przl} (Swiss Post): use a larger layout`,
      'too_many_service_codes',
    );
  }
  if (zawCount > limits.zaw) {
    issues.add(
      content.przlPath,
      limits.zaw === 0
        ? `holds ${zawCount} delivery instructions (ZAW); an ${spec.layout} label prints none (Swiss Post): use A6 or A5`
        : `holds ${zawCount} delivery instructions (ZAW); an ${spec.layout} label prints at most ${limits.zaw} (Swiss Post): use a larger layout`,
      'too_many_delivery_instructions',
    );
  }
  return { text, barcodes, zawCount };
}

/** Lines the layout leaves for the address and the free text [V HB]: A6 gives 2 to ZAW codes. */
function lineBudget(spec: LayoutSpec, zawCount: number): number {
  const limits = LAYOUT_CODE_LIMITS[spec.layout];
  return zawCount > 0 ? limits.addressLinesWithZaw : limits.addressLines;
}

function placeServiceBarcodes(
  items: DrawItem[],
  codes: readonly ServiceCode[],
  spec: LayoutSpec,
  area: { x: number; width: number; top: number },
): number {
  if (codes.length === 0) return area.top;
  const captionSize = mm(spec.captionSize);
  const rowHeight = spec.serviceBarcodeHeight + 1 + captionSize * (ASCENT + DESCENT);
  let x = area.x;
  let top = area.top;
  for (const code of codes) {
    const pattern = encodeCode128C(code.digits);
    const width = pattern.modules * SERVICE_BARCODE_MODULE;
    if (x > area.x && x + width > area.x + area.width) {
      x = area.x;
      top += rowHeight + 3;
    }
    items.push({
      kind: 'barcode',
      x,
      y: top,
      height: spec.serviceBarcodeHeight,
      module: SERVICE_BARCODE_MODULE,
      pattern,
      purpose: 'service',
    });
    const caption = code.code === `ZAW${code.digits}` ? code.code : `${code.code} ${code.digits}`;
    items.push(
      textItem(
        caption,
        x,
        top + spec.serviceBarcodeHeight + 1 + captionSize * ASCENT,
        spec.captionSize,
        'regular',
      ),
    );
    x += width + SERVICE_BARCODE_GAP;
  }
  return top + rowHeight;
}

/**
 * Lays out one label: checks every Swiss Post rule that depends on the layout (service codes
 * per layout, address lines, text that must fit) and throws one `PickPostValidationError`
 * listing every problem before anything is drawn; then places the blocks.
 *
 * @example
 * const drawing = composeLabel(input, LabelOptionsSchema.parse({ layout: 'A6' }));
 */
export function composeLabel(
  input: LabelInput,
  options: LabelOptions,
  subject = 'label',
): LabelDrawing {
  const spec = LAYOUTS[options.layout];
  const issues = new IssueCollector();
  const content = contentOf(input);
  const digits = identcodeDigits(content.identcode, issues);
  const codes = serviceCodes(content, spec, issues);

  const printRecipient =
    options.printAddresses === 'recipient' || options.printAddresses === 'both';
  const printSender = options.printAddresses === 'sender' || options.printAddresses === 'both';

  let recipientLines: readonly AddressLine[] = [];
  let freeText = content.freeText;
  if (printRecipient) {
    const fitted = fitAddressLines(content.recipient, {
      maxLines: lineBudget(spec, codes.zawCount),
      freeText,
    });
    if (fitted === undefined) {
      issues.add(
        content.recipient[0]?.fields[0] ?? '',
        `has ${content.recipient.length} address lines; a label address has 3 to 6 (Swiss Post)`,
        'address_lines',
      );
    } else {
      recipientLines = fitted.lines;
      freeText = fitted.freeText;
    }
  }
  const senderBlockLines = printSender ? content.sender : [];
  for (const line of [...recipientLines, ...senderBlockLines]) checkLineText(line, issues);
  if (freeText !== undefined) checkLineText(freeText, issues);

  const { margin } = spec;
  const { width: contentWidth, height: contentHeight } = spec.content;
  const columns = spec.arrangement === 'columns';
  const columnX = spec.address.columnX ?? contentWidth;
  const codesText = codes.text.join(' ');
  const codesLine: AddressLine[] = codesText
    ? [{ text: codesText, role: 'name', fields: [content.przlPath] }]
    : [];
  const codesBlock = fitBlock(
    codesLine,
    spec.codes,
    columns ? contentWidth - margin - columnX : contentWidth * 0.4,
    'bold',
    'service code box',
    issues,
  );
  const codesWidth = codesLine.length === 0 ? 0 : textWidthMm(codesText, codesBlock.size, 'bold');
  const senderWidth = columns
    ? contentWidth - margin - columnX
    : contentWidth - 2 * margin - codesWidth - 5;
  const senderBlock = fitBlock(
    senderBlockLines,
    spec.sender,
    senderWidth,
    'regular',
    'sender block',
    issues,
  );
  const addressWidth = columns
    ? columnX - ADDRESS_CLEARANCE - spec.address.x
    : contentWidth - spec.address.x - margin;
  const addressBlock = fitBlock(
    recipientLines,
    spec.address,
    addressWidth,
    'regular',
    'address block',
    issues,
  );
  const freeTextBlock = fitBlock(
    freeText === undefined ? [] : [freeText],
    { size: spec.freeTextSize, minSize: spec.freeTextSize },
    columns ? columnX - ADDRESS_CLEARANCE - margin : contentWidth - 2 * margin,
    'regular',
    'free text line',
    issues,
  );

  if (issues.issues.length > 0 || digits === undefined) {
    throw new PickPostValidationError(subject, issues.issues);
  }

  // Blocks sit in fixed zones (the address zone is as tall as its 6 lines at full size), so the
  // sender, the service codes and their barcodes land in the same place on every label with the
  // same sender and services: `fixed` items, which the PDF draws once per document and reuses.
  const fixed: DrawItem[] = [];
  const items: DrawItem[] = [];
  const fullAddressHeight = blockHeight({
    lines: Array.from({ length: ADDRESS_LINES.max }, () => specimenLine),
    size: spec.address.size,
    weight: 'regular',
  });
  const freeTextZone = mm(spec.freeTextSize) * (ASCENT + DESCENT) + 2;
  // Preview labels say so, under the service codes; returns the block's bottom.
  const specimen = (size: number, x: number, top: number) =>
    options.printPreview
      ? placeBlock(fixed, { lines: [specimenLine], size, weight: 'bold' }, x, top)
      : undefined;
  let lowest: number;
  let addressBottom: number | undefined;
  if (columns) {
    // A7: address top left; sender, service codes and their barcode in the right column.
    if (addressBlock.lines.length > 0) {
      addressBottom = placeBlock(items, addressBlock, spec.address.x, margin);
    }
    let rightBottom = placeBlock(fixed, senderBlock, columnX, margin);
    if (codesBlock.lines.length > 0) {
      rightBottom = placeBlock(fixed, codesBlock, columnX, rightBottom + 1.5);
    }
    rightBottom = placeServiceBarcodes(fixed, codes.barcodes, spec, {
      x: columnX,
      width: contentWidth - margin - columnX,
      top: rightBottom + 1.5,
    });
    rightBottom = specimen(spec.codes.minSize, columnX, rightBottom + 1.5) ?? rightBottom;
    const addressZoneBottom = printRecipient ? margin + fullAddressHeight : margin;
    let leftBottom = addressZoneBottom;
    if (freeTextBlock.lines.length > 0) {
      const top = printRecipient ? addressZoneBottom + ADDRESS_CLEARANCE : margin;
      leftBottom = placeBlock(items, freeTextBlock, spec.address.x, top);
    }
    if (addressBottom !== undefined) addressBottom = addressZoneBottom;
    lowest = Math.max(leftBottom, rightBottom);
  } else {
    const senderBottom = placeBlock(fixed, senderBlock, margin, margin);
    if (codesBlock.lines.length > 0) {
      placeBlock(fixed, codesBlock, contentWidth - margin - codesWidth, margin);
    }
    const headerBottom = Math.max(senderBottom, margin + blockHeight(codesBlock));
    let y = headerBottom + 4;
    if (printRecipient) {
      const top = headerBottom + ADDRESS_CLEARANCE;
      if (addressBlock.lines.length > 0) placeBlock(items, addressBlock, spec.address.x, top);
      addressBottom = top + fullAddressHeight;
      y = addressBottom + ADDRESS_CLEARANCE;
    }
    if (freeTextBlock.lines.length > 0) placeBlock(items, freeTextBlock, margin, y);
    y = placeServiceBarcodes(fixed, codes.barcodes, spec, {
      x: margin,
      width: contentWidth - 2 * margin,
      top: y + freeTextZone,
    });
    y = specimen(spec.codes.size, margin, y + 2) ?? y;
    lowest = y;
  }

  // The identcode barcode: Swiss Post's size, centred, human-readable form under it.
  const pattern = encodeCode128C(digits);
  const module = IDENTCODE_BARCODE.targetLength / pattern.modules;
  const length = pattern.modules * module;
  const x = (contentWidth - length) / 2;
  const humanSize = mm(spec.humanIdentcodeSize);
  const humanBaseline = contentHeight - margin - humanSize * DESCENT;
  const barsBottom = humanBaseline - humanSize * ASCENT - 0.8;
  const barsTop = barsBottom - IDENTCODE_BARCODE.targetHeight;
  const clearance = addressBottom === undefined ? 0 : addressBottom + ADDRESS_CLEARANCE;
  if (lowest + 2 > barsTop || clearance > barsTop) {
    throw new LabelRenderError({
      field: 'layout',
      reason: 'layout_overflow',
      message: `the ${spec.layout} layout has no room left for the barcode`,
    });
  }
  items.push({
    kind: 'barcode',
    x,
    y: barsTop,
    height: IDENTCODE_BARCODE.targetHeight,
    module,
    pattern,
    purpose: 'identcode',
  });
  const human = humanIdentcode(digits);
  const humanWidth = textWidthMm(human, spec.humanIdentcodeSize, 'regular');
  items.push(
    textItem(
      human,
      (contentWidth - humanWidth) / 2,
      humanBaseline,
      spec.humanIdentcodeSize,
      'regular',
    ),
  );
  return { spec, identcode: digits, fixed, items };
}

const specimenLine: AddressLine = { text: 'SPECIMEN', role: 'name', fields: ['printPreview'] };
