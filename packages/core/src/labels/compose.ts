import type { ValidationIssue } from '../errors/index';
import { PickPostValidationError } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import type { AddressLine } from './addressing';
import { fitAddressLines } from './addressing';
import { applicationLine } from './application-line';
import { assertClearance, boxOf } from './clearance';
import type { DrawItem, FixedPart, LabelDrawing } from './drawing';
import { fixedPartOf } from './fixed-part';
import { identcodeDigits, placeIdentcode } from './identcode-block';
import type { LabelContent } from './label-content';
import { contentOf } from './label-content';
import { layoutOverflow } from './label-render-error';
import type { LayoutSpec } from './layouts';
import { LAYOUTS } from './layouts';
import { checkLineText } from './text-check';
import { ASCENT, fitBlock, mm, placeBlock } from './text-fit';
import type { LabelInput } from './types';

/** What a label is composed in besides its input and options. */
export interface ComposeContext {
  /** Names the label in errors (`label #12`). */
  readonly subject?: string;
  /** The application line; one per batch, so every label of it has the same fixed items. */
  readonly applicationLine?: string;
}

/** The recipient's lines and the free text after the layout's line budget. */
function recipientOf(
  content: LabelContent,
  options: LabelOptions,
  fixed: FixedPart,
  issues: ValidationIssue[],
): { lines: readonly AddressLine[]; freeText: AddressLine | undefined } {
  const printRecipient =
    options.printAddresses === 'recipient' || options.printAddresses === 'both';
  if (!printRecipient) return { lines: [], freeText: content.freeText };
  const fitted = fitAddressLines(content.recipient, {
    maxLines: fixed.lineBudget,
    freeText: content.freeText,
  });
  if (fitted !== undefined) return fitted;
  issues.push({
    path: content.recipient[0]?.fields[0] ?? '',
    message: `has ${content.recipient.length} address lines; a label address has 3 to 6 (Swiss Post)`,
    code: 'address_lines',
  });
  return { lines: [], freeText: content.freeText };
}

/** The parcel's own items: identcode, free text and address, checked for clearance. */
function placeParcelItems(
  spec: LayoutSpec,
  fixed: FixedPart,
  digits: string,
  blocks: { freeText: ReturnType<typeof fitBlock>; address: ReturnType<typeof fitBlock> },
): DrawItem[] {
  const items: DrawItem[] = [];
  placeIdentcode(items, digits, spec);
  if (blocks.freeText.lines.length > 0) {
    const slot = spec.freeText;
    placeBlock(items, blocks.freeText, 0, slot.baseline - mm(slot.size) * ASCENT, slot.x);
  }
  if (blocks.address.lines.length > 0) {
    const address: DrawItem[] = [];
    const bottom = spec.page.height - spec.margin;
    if (placeBlock(address, blocks.address, 0, fixed.addressTop, spec.address.x) > bottom) {
      throw layoutOverflow(spec.layout, 'the address');
    }
    assertClearance(address, [fixed, { items, boxes: items.map(boxOf) }], spec);
    items.push(...address);
  }
  return items;
}

/**
 * Lays out one label like the Post's own (see {@link LayoutSpec}): checks every Swiss Post
 * rule that depends on the layout (service codes per layout, address lines, text that must
 * fit) and throws one `PickPostValidationError` listing every problem before anything is
 * drawn; then places the blocks and checks that nothing comes within 10 mm of the address.
 * The parts shared by a batch come from {@link fixedPartOf}.
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
  const issues: ValidationIssue[] = [];
  const content = contentOf(input);
  const digits = identcodeDigits(content.identcode, issues);
  const fixed = fixedPartOf(content, options, context.applicationLine ?? applicationLine());
  // Issues in the order a reader checks the label: codes, address, texts, then what fits.
  issues.push(...fixed.issues.services);
  const recipient = recipientOf(content, options, fixed, issues);
  for (const line of recipient.lines) checkLineText(line, issues);
  issues.push(...fixed.issues.senderText);
  if (recipient.freeText !== undefined) checkLineText(recipient.freeText, issues);
  issues.push(...fixed.issues.codesFit);
  const freeText = fitBlock(
    recipient.freeText === undefined ? [] : [recipient.freeText],
    { size: spec.freeText.size, minSize: spec.freeText.size },
    spec.freeText.width,
    'regular',
    'free text line',
    issues,
  );
  issues.push(...fixed.issues.senderFit);
  const address = fitBlock(
    recipient.lines,
    spec.address,
    fixed.addressRight - spec.address.x,
    'regular',
    'address block',
    issues,
  );
  if (issues.length > 0 || digits === undefined) {
    throw new PickPostValidationError(context.subject ?? 'label', issues);
  }
  const items = placeParcelItems(spec, fixed, digits, { freeText, address });
  return { spec, identcode: digits, fixed, items };
}
