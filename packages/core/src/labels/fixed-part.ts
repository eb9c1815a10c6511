import type { ValidationIssue } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import { boxOf } from './clearance';
import type { DrawItem, FixedPart } from './drawing';
import { humanIdentcodeBottom } from './identcode-block';
import type { LabelContent } from './label-content';
import { ADDRESS_CLEARANCE, LAYOUTS } from './layouts';
import { lineBudget, placeServices, SERVICE_BARCODE_LENGTH, serviceColumns } from './service-codes';
import { checkLineText } from './text-check';
import { fitBlock, placeBlock, textSlotItem } from './text-fit';

/** Service codes shrink to this size when a long code does not fit beside its barcode. */
const SERVICE_CODE_MIN_SIZE = 6;
/** Between the human-readable identcode and the sender's far end. */
const SENDER_GAP = 2;

/**
 * How many fixed parts are kept. A shop's batch has one per service mix (a handful); return
 * labels, whose sender is a different customer each time, pass through without crowding them
 * out for long.
 */
const MAX_CACHED = 64;

const cache = new Map<string, FixedPart>();

type FixedOptions = Pick<LabelOptions, 'layout' | 'printPreview' | 'printAddresses'>;

function composeFixedPart(
  content: LabelContent,
  options: FixedOptions,
  applicationLine: string,
): FixedPart {
  const spec = LAYOUTS[options.layout];
  const printSender = options.printAddresses === 'sender' || options.printAddresses === 'both';
  const services: ValidationIssue[] = [];
  const { columns, zawCount } = serviceColumns(content, spec, services);
  const senderLines = printSender ? content.sender : [];
  const senderText: ValidationIssue[] = [];
  for (const line of senderLines) checkLineText(line, senderText);
  const codesFit: ValidationIssue[] = [];
  const codes = fitBlock(
    columns.map(({ code }) => ({ text: code, role: 'name', fields: [content.przlPath] })),
    { size: spec.serviceCodeSize, minSize: SERVICE_CODE_MIN_SIZE },
    SERVICE_BARCODE_LENGTH,
    'bold',
    'service code column',
    codesFit,
  );
  const items: DrawItem[] = [textSlotItem(spec.appLine, applicationLine, 'regular')];
  if (options.printPreview) {
    items.push(textSlotItem(spec.specimen, 'SPECIMEN', 'bold', 'printPreview'));
  }
  // Too many codes are reported as such, not as a layout without room for them.
  const placed =
    services.length === 0
      ? placeServices(items, columns, spec, codes)
      : { bottom: undefined, secondRowLeft: undefined };
  const humanBottom = humanIdentcodeBottom(spec);
  const bottom = spec.page.height - spec.margin;
  const senderFit: ValidationIssue[] = [];
  const sender = fitBlock(
    senderLines,
    spec.sender,
    bottom - humanBottom - SENDER_GAP,
    'regular',
    'sender block',
    senderFit,
  );
  placeBlock(items, sender, 270, spec.sender.x, bottom);
  return {
    items,
    boxes: items.map(boxOf),
    issues: { services, senderText, codesFit, senderFit },
    lineBudget: lineBudget(spec, zawCount),
    addressTop: Math.max(humanBottom, placed.bottom ?? 0) + ADDRESS_CLEARANCE,
    addressRight:
      placed.secondRowLeft === undefined
        ? spec.page.width - spec.margin
        : placed.secondRowLeft - ADDRESS_CLEARANCE,
  };
}

/**
 * The inputs of the fixed part handed out last (copied: the caller's objects may change), and
 * that part.
 */
interface LastFixedPart {
  readonly type: LabelContent['type'];
  readonly przl: readonly string[];
  readonly sender: LabelContent['sender'];
  readonly options: Readonly<FixedOptions>;
  readonly applicationLine: string;
  readonly fixed: FixedPart;
}

let last: LastFixedPart | undefined;

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

function sameLines(a: LabelContent['sender'], b: LabelContent['sender']): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) {
    const [x, y] = [a[index], b[index]];
    if (x?.text !== y?.text || !sameTexts(x?.fields ?? [], y?.fields ?? [])) return false;
  }
  return true;
}

/**
 * Whether a label has the fixed part handed out last, compared field by field: a batch asks
 * for the same one label after label, and this is cheaper than building its key.
 */
function isLast(
  known: LastFixedPart,
  content: LabelContent,
  options: FixedOptions,
  applicationLine: string,
): boolean {
  const printSender = options.printAddresses === 'sender' || options.printAddresses === 'both';
  return (
    known.applicationLine === applicationLine &&
    known.type === content.type &&
    known.options.layout === options.layout &&
    known.options.printPreview === options.printPreview &&
    known.options.printAddresses === options.printAddresses &&
    sameTexts(known.przl, content.przl) &&
    (!printSender || sameLines(known.sender, content.sender))
  );
}

/** Appends `text` to a key so that no two sequences of texts give the same key. */
const part = (text: string) => `${text.length}:${text}`;

/** Everything a fixed part depends on, as a string. */
function keyOf(content: LabelContent, options: FixedOptions, applicationLine: string): string {
  const printSender = options.printAddresses === 'sender' || options.printAddresses === 'both';
  let key = `${content.type}|${options.layout}|${options.printPreview}|${printSender}|`;
  key += part(applicationLine);
  for (const code of content.przl) key += part(code);
  key += '|';
  if (printSender) {
    for (const line of content.sender) {
      key += part(line.text);
      for (const field of line.fields) key += part(field);
      key += ';';
    }
  }
  return key;
}

/**
 * The fixed part of a label (see {@link FixedPart}): composed on first use and then handed out
 * as the same object for every label with the same sender, services, options and application
 * line, so neither composing nor any format's drawing of it is repeated per label.
 */
export function fixedPartOf(
  content: LabelContent,
  options: FixedOptions,
  applicationLine: string,
): FixedPart {
  if (last !== undefined && isLast(last, content, options, applicationLine)) return last.fixed;
  const key = keyOf(content, options, applicationLine);
  let fixed = cache.get(key);
  if (fixed === undefined) {
    fixed = composeFixedPart(content, options, applicationLine);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, fixed);
  }
  last = {
    type: content.type,
    przl: [...content.przl],
    sender: content.sender,
    options: {
      layout: options.layout,
      printPreview: options.printPreview,
      printAddresses: options.printAddresses,
    },
    applicationLine,
    fixed,
  };
  return fixed;
}
