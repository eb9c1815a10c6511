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
  domesticAddressLines,
  fitAddressLines,
  pickupPointAddressLines,
  senderLines,
} from './addressing';
import { applicationLine } from './application-line';
import type { Code128Pattern } from './code128';
import { encodeCode128C } from './code128';
import type { FontWeight } from './fonts';
import { advanceWidthMm, capHeightEm, missingGlyphs, textWidthMm } from './fonts';
import type { Box, Orientation } from './geometry';
import { axesOf, symbolBox, symbolLength } from './geometry';
import { LabelRenderError } from './label-render-error';
import type { LayoutSpec, TextSlot } from './layouts';
import {
  ADDRESS_CLEARANCE,
  IDENTCODE_BARCODE,
  LAYOUTS,
  PT_TO_MM,
  SERVICE_BARCODE,
} from './layouts';
import type { LabelInput } from './types';

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
 * A label as format-neutral drawing instructions in millimetres, from the top-left corner of
 * the label as it is read (landscape). PDF, SVG and ZPL each draw the same drawing.
 */
export interface LabelDrawing {
  readonly spec: LayoutSpec;
  readonly identcode: string;
  /** Items that depend only on the sender, the services and the options, not on the parcel. */
  readonly fixed: readonly DrawItem[];
  /** Items of this parcel: its address, free text and identcode. */
  readonly items: readonly DrawItem[];
}

/** What a label is composed in besides its input and options. */
export interface ComposeContext {
  /** Names the label in errors (`label #12`). */
  readonly subject?: string;
  /** The application line; one per batch, so every label of it has the same fixed items. */
  readonly applicationLine?: string;
}

// DejaVu's ascent and descent as fractions of the em (1901 and 483 of 2048 units).
const ASCENT = 0.93;
const DESCENT = 0.24;
const LINE_HEIGHT = 1.2;
/** Service codes shrink to this size when a long code does not fit beside its barcode. */
const SERVICE_CODE_MIN_SIZE = 6;
/** Between the human-readable identcode and the sender's far end. */
const SENDER_GAP = 2;

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
        `does not fit the ${what}${fields}: "${line.text}" needs ${needed.toFixed(1)} mm at ${sizes.minSize} pt, the ${what} is ${width.toFixed(1)} mm long; shorten it`,
        'text_does_not_fit',
      );
    }
  }
  return { lines, size: sizes.minSize, weight };
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
function placeBlock(
  items: DrawItem[],
  block: Block,
  orientation: 0 | 270,
  across: number,
  along: number,
): number {
  const size = mm(block.size);
  let line = across + size * ASCENT;
  for (const { text, fields } of block.lines) {
    items.push(
      orientation === 0
        ? textItem(text, along, line, block.size, block.weight, { field: fields[0] })
        : textItem(text, line, along, block.size, block.weight, { field: fields[0], orientation }),
    );
    line += size * LINE_HEIGHT;
  }
  return across + blockDepth(block);
}

function textItem(
  text: string,
  x: number,
  baseline: number,
  size: number,
  weight: FontWeight,
  options: { field?: string | undefined; orientation?: Orientation; scaleX?: number } = {},
): TextItem {
  const scaleX = options.scaleX ?? 1;
  return {
    kind: 'text',
    x,
    baseline,
    size,
    weight,
    text,
    width: textWidthMm(text, size, weight) * scaleX,
    scaleX,
    orientation: options.orientation ?? 0,
    field: options.field ?? '',
  };
}

function textSlotItem(slot: TextSlot, text: string, weight: FontWeight, field?: string): TextItem {
  return textItem(text, slot.x, slot.baseline, slot.size, weight, { field });
}

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

function boxOf(item: DrawItem): Box {
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
  return Math.hypot(dx, dy);
}

interface ServiceColumn {
  /** The code as printed beside the barcode: `PRI`, `ECO`, `ZAW3211`. */
  readonly code: string;
  /** The 4-digit barcode value, for codes that have one. */
  readonly digits: string | undefined;
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

/**
 * One column per service code, in the order given: the code, with its 4-digit barcode where
 * Swiss Post gives one (`ECO` has none; every `ZAW` code is its own barcode [V DEV §6.3/6.4]).
 * Refuses more codes than the layout prints.
 */
function serviceColumns(
  content: LabelContent,
  spec: LayoutSpec,
  issues: IssueCollector,
): { columns: ServiceColumn[]; zawCount: number } {
  const limits = LAYOUT_CODE_LIMITS[spec.layout];
  const columns: ServiceColumn[] = [];
  let textCount = 0;
  let zawCount = 0;
  for (const code of content.przl) {
    const zaw = ZAW_PATTERN.exec(code);
    if (zaw?.[1] !== undefined) zawCount += 1;
    else textCount += 1;
    columns.push({ code, digits: zaw?.[1] ?? ADDITIONAL_SERVICE_BARCODES[code] });
  }
  if (textCount > limits.przl) {
    issues.add(
      content.przlPath,
      `holds ${textCount} service codes; an ${spec.layout} label prints at most ${limits.przl} (Swiss Post): use a larger layout`,
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
  return { columns, zawCount };
}

/** Lines the layout leaves for the address and the free text [V HB]: A6 gives 2 to ZAW codes. */
function lineBudget(spec: LayoutSpec, zawCount: number): number {
  const limits = LAYOUT_CODE_LIMITS[spec.layout];
  return zawCount > 0 ? limits.addressLinesWithZaw : limits.addressLines;
}

/** What the service columns leave to the rest of the label. */
interface ServicesPlaced {
  /** Lower end of the first row, or `undefined` without service codes. */
  readonly bottom: number | undefined;
  /** Left edge of the second row, when the codes needed one. */
  readonly secondRowLeft: number | undefined;
}

/**
 * The service codes right of the identcode, as on the Post's label: each code turned 90° and
 * reading upwards, its 4-digit barcode (0.508 mm module) beside it, also reading upwards.
 * Columns fill the first row, level with the identcode bars; what does not fit goes into a
 * second row under it, against the right edge.
 */
function placeServices(
  fixed: DrawItem[],
  columns: readonly ServiceColumn[],
  spec: LayoutSpec,
  codes: Block,
  serviceLength: number,
): ServicesPlaced {
  if (columns.length === 0) return { bottom: undefined, secondRowLeft: undefined };
  const band = mm(codes.size) * (ASCENT + DESCENT);
  const widthOf = (column: ServiceColumn) =>
    band + (column.digits === undefined ? 0 : SERVICE_BARCODE.codeGap + SERVICE_BARCODE.height);
  const left =
    IDENTCODE_BARCODE.left + IDENTCODE_BARCODE.targetLength + IDENTCODE_BARCODE.quietZoneRight;
  const right = spec.page.width - spec.margin;
  const place = (column: ServiceColumn, x: number, top: number) => {
    fixed.push(
      textItem(column.code, x + mm(codes.size) * ASCENT, top + serviceLength, codes.size, 'bold', {
        orientation: 270,
      }),
    );
    if (column.digits === undefined) return;
    fixed.push({
      kind: 'barcode',
      x: x + band + SERVICE_BARCODE.codeGap,
      y: top,
      height: SERVICE_BARCODE.height,
      module: SERVICE_BARCODE.module,
      pattern: encodeCode128C(column.digits),
      orientation: 270,
      purpose: 'service',
    });
  };
  let x = left;
  let index = 0;
  for (; index < columns.length; index += 1) {
    const column = columns[index] as ServiceColumn;
    if (x + widthOf(column) > right) break;
    place(column, x, spec.barsTop);
    x += widthOf(column) + SERVICE_BARCODE.columnGap;
  }
  const rest = columns.slice(index);
  if (rest.length === 0) return { bottom: spec.barsTop + serviceLength, secondRowLeft: undefined };
  const restWidth =
    rest.reduce((sum, column) => sum + widthOf(column), 0) +
    (rest.length - 1) * SERVICE_BARCODE.columnGap;
  const secondRowLeft = right - restWidth;
  if (secondRowLeft < left) throw overflow(spec, `${columns.length} service codes`);
  const top = spec.barsTop + serviceLength + SERVICE_BARCODE.rowGap;
  x = secondRowLeft;
  for (const column of rest) {
    place(column, x, top);
    x += widthOf(column) + SERVICE_BARCODE.columnGap;
  }
  return { bottom: spec.barsTop + serviceLength, secondRowLeft };
}

/** The human-readable identcode's size: capitals 4.7 mm high. */
function humanIdentcodeSize(): number {
  return IDENTCODE_BARCODE.humanCapHeight / (capHeightEm('bold') * PT_TO_MM);
}

function humanIdentcodeBaseline(spec: LayoutSpec): number {
  return spec.barsTop + IDENTCODE_BARCODE.targetHeight + IDENTCODE_BARCODE.humanBaselineBelowBars;
}

/** Where the human-readable identcode's glyphs end at the most (its descent). */
function humanIdentcodeBottom(spec: LayoutSpec): number {
  return humanIdentcodeBaseline(spec) + mm(humanIdentcodeSize()) * DESCENT;
}

/**
 * The identcode barcode at Swiss Post's size, 8 mm from the left edge, and under it its
 * human-readable form in bold, 4.7 mm high and narrowed to exactly the bars' length.
 */
function placeIdentcode(items: DrawItem[], digits: string, spec: LayoutSpec): void {
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
  const scaleX = Math.min(1, IDENTCODE_BARCODE.targetLength / advanceWidthMm(human, size, 'bold'));
  items.push(
    textItem(human, IDENTCODE_BARCODE.left, humanIdentcodeBaseline(spec), size, 'bold', {
      scaleX,
    }),
  );
}

function overflow(spec: LayoutSpec, what: string): LabelRenderError {
  return new LabelRenderError({
    field: 'layout',
    reason: 'layout_overflow',
    message: `the ${spec.layout} layout has no room left for ${what}`,
  });
}

/**
 * Lays out one label like the Post's own (see {@link LayoutSpec}): checks every Swiss Post
 * rule that depends on the layout (service codes per layout, address lines, text that must
 * fit) and throws one `PickPostValidationError` listing every problem before anything is
 * drawn; then places the blocks and checks that nothing comes within 10 mm of the address.
 *
 * @example
 * const drawing = composeLabel(input, LabelOptionsSchema.parse({ layout: 'A6' }));
 */
export function composeLabel(
  input: LabelInput,
  options: LabelOptions,
  context: ComposeContext = {},
): LabelDrawing {
  const spec = LAYOUTS[options.layout];
  const subject = context.subject ?? 'label';
  const issues = new IssueCollector();
  const content = contentOf(input);
  const digits = identcodeDigits(content.identcode, issues);
  const issuesBefore = issues.issues.length;
  const services = serviceColumns(content, spec, issues);
  const servicesFit = issues.issues.length === issuesBefore;

  const printRecipient =
    options.printAddresses === 'recipient' || options.printAddresses === 'both';
  const printSender = options.printAddresses === 'sender' || options.printAddresses === 'both';

  let recipientLines: readonly AddressLine[] = [];
  let freeText = content.freeText;
  if (printRecipient) {
    const fitted = fitAddressLines(content.recipient, {
      maxLines: lineBudget(spec, services.zawCount),
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

  // Every service barcode has 4 digits, so one length serves them all.
  const serviceLength = SERVICE_BARCODE.modules * SERVICE_BARCODE.module;
  const codesBlock = fitBlock(
    services.columns.map(({ code }) => ({ text: code, role: 'name', fields: [content.przlPath] })),
    { size: spec.serviceCodeSize, minSize: SERVICE_CODE_MIN_SIZE },
    serviceLength,
    'bold',
    'service code column',
    issues,
  );
  const freeTextBlock = fitBlock(
    freeText === undefined ? [] : [freeText],
    { size: spec.freeText.size, minSize: spec.freeText.size },
    spec.freeText.width,
    'regular',
    'free text line',
    issues,
  );

  // Fixed items first: they decide where the parcel's address may go.
  const fixed: DrawItem[] = [];
  const items: DrawItem[] = [];
  fixed.push(textSlotItem(spec.appLine, context.applicationLine ?? applicationLine(), 'regular'));
  if (options.printPreview) {
    fixed.push(textSlotItem(spec.specimen, 'SPECIMEN', 'bold', 'printPreview'));
  }
  // Too many codes are reported as such, not as a layout without room for them.
  const placed = servicesFit
    ? placeServices(fixed, services.columns, spec, codesBlock, serviceLength)
    : { bottom: undefined, secondRowLeft: undefined };
  const humanBottom = humanIdentcodeBottom(spec);
  const bottom = spec.page.height - spec.margin;
  const senderBlock = fitBlock(
    senderBlockLines,
    spec.sender,
    bottom - humanBottom - SENDER_GAP,
    'regular',
    'sender block',
    issues,
  );
  const addressRight =
    placed.secondRowLeft === undefined
      ? spec.page.width - spec.margin
      : placed.secondRowLeft - ADDRESS_CLEARANCE;
  const addressBlock = fitBlock(
    recipientLines,
    spec.address,
    addressRight - spec.address.x,
    'regular',
    'address block',
    issues,
  );

  if (issues.issues.length > 0 || digits === undefined) {
    throw new PickPostValidationError(subject, issues.issues);
  }

  placeBlock(fixed, senderBlock, 270, spec.sender.x, bottom);
  placeIdentcode(items, digits, spec);
  if (freeTextBlock.lines.length > 0) {
    const slot = spec.freeText;
    placeBlock(items, freeTextBlock, 0, slot.baseline - mm(slot.size) * ASCENT, slot.x);
  }
  if (addressBlock.lines.length > 0) {
    const top = Math.max(humanBottom, placed.bottom ?? 0) + ADDRESS_CLEARANCE;
    const address: DrawItem[] = [];
    if (placeBlock(address, addressBlock, 0, top, spec.address.x) > bottom) {
      throw overflow(spec, 'the address');
    }
    assertClearance(address, [...fixed, ...items], spec);
    items.push(...address);
  }
  return { spec, identcode: digits, fixed, items };
}

/** Swiss Post's 10 mm of white space around the address, checked on what was placed. */
function assertClearance(
  address: readonly DrawItem[],
  others: readonly DrawItem[],
  spec: LayoutSpec,
) {
  const block = around(address.map(boxOf));
  for (const other of others) {
    if (gapBetween(block, boxOf(other)) < ADDRESS_CLEARANCE - 1e-9) {
      throw overflow(spec, `10 mm of white space around the address (${describe(other)})`);
    }
  }
}

function describe(item: DrawItem): string {
  return item.kind === 'text' ? `"${item.text}"` : `the ${item.purpose} barcode`;
}
