import type { ValidationIssue } from '../errors/index';
import { ADDITIONAL_SERVICE_BARCODES, LAYOUT_CODE_LIMITS } from '../schemas/swiss-post-rules';
import { encodeCode128C } from './code128';
import type { DrawItem } from './drawing';
import type { LabelContent } from './label-content';
import { layoutOverflow } from './label-render-error';
import type { LayoutSpec } from './layouts';
import { IDENTCODE_BARCODE, SERVICE_BARCODE } from './layouts';
import type { Block } from './text-fit';
import { ASCENT, DESCENT, mm, textItem } from './text-fit';

/** One service code beside its barcode. */
export interface ServiceColumn {
  /** The code as printed beside the barcode: `PRI`, `ECO`, `ZAW3211`. */
  readonly code: string;
  /** The 4-digit barcode value, for codes that have one. */
  readonly digits: string | undefined;
}

const ZAW_PATTERN = /^ZAW(\d{4})$/;

/** Every service barcode has 4 digits, so one length serves them all. */
export const SERVICE_BARCODE_LENGTH = SERVICE_BARCODE.modules * SERVICE_BARCODE.module;

/**
 * One column per service code, in the order given: the code, with its 4-digit barcode where
 * Swiss Post gives one (`ECO` has none; every `ZAW` code is its own barcode [V DEV §6.3/6.4]).
 * Refuses more codes than the layout prints, reporting to `issues`.
 */
export function serviceColumns(
  content: Pick<LabelContent, 'przl' | 'przlPath'>,
  spec: LayoutSpec,
  issues: ValidationIssue[],
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
  const path = content.przlPath;
  if (textCount > limits.przl) {
    issues.push({
      path,
      message: `holds ${textCount} service codes; an ${spec.layout} label prints at most ${limits.przl} (Swiss Post): use a larger layout`,
      code: 'too_many_service_codes',
    });
  }
  if (zawCount > limits.zaw) {
    issues.push({
      path,
      message:
        limits.zaw === 0
          ? `holds ${zawCount} delivery instructions (ZAW); an ${spec.layout} label prints none (Swiss Post): use A6 or A5`
          : `holds ${zawCount} delivery instructions (ZAW); an ${spec.layout} label prints at most ${limits.zaw} (Swiss Post): use a larger layout`,
      code: 'too_many_delivery_instructions',
    });
  }
  return { columns, zawCount };
}

/** Lines the layout leaves for the address and the free text [V HB]: A6 gives 2 to ZAW codes. */
export function lineBudget(spec: LayoutSpec, zawCount: number): number {
  const limits = LAYOUT_CODE_LIMITS[spec.layout];
  return zawCount > 0 ? limits.addressLinesWithZaw : limits.addressLines;
}

/** What the service columns leave to the rest of the label. */
export interface ServicesPlaced {
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
export function placeServices(
  fixed: DrawItem[],
  columns: readonly ServiceColumn[],
  spec: LayoutSpec,
  codes: Block,
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
      textItem(
        column.code,
        x + mm(codes.size) * ASCENT,
        top + SERVICE_BARCODE_LENGTH,
        codes.size,
        'bold',
        { orientation: 270 },
      ),
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
  const placeRow = (row: readonly ServiceColumn[], from: number, top: number) => {
    let x = from;
    for (const column of row) {
      place(column, x, top);
      x += widthOf(column) + SERVICE_BARCODE.columnGap;
    }
  };
  let x = left;
  let fitting = 0;
  for (const column of columns) {
    if (x + widthOf(column) > right) break;
    x += widthOf(column) + SERVICE_BARCODE.columnGap;
    fitting += 1;
  }
  placeRow(columns.slice(0, fitting), left, spec.barsTop);
  const bottom = spec.barsTop + SERVICE_BARCODE_LENGTH;
  const rest = columns.slice(fitting);
  if (rest.length === 0) return { bottom, secondRowLeft: undefined };
  const restWidth =
    rest.reduce((sum, column) => sum + widthOf(column), 0) +
    (rest.length - 1) * SERVICE_BARCODE.columnGap;
  const secondRowLeft = right - restWidth;
  if (secondRowLeft < left) throw layoutOverflow(spec.layout, `${columns.length} service codes`);
  placeRow(rest, secondRowLeft, bottom + SERVICE_BARCODE.rowGap);
  return { bottom, secondRowLeft };
}
