import * as z from 'zod';
import type { ValidationIssue } from '../errors/index';
import { PickPostValidationError } from '../errors/index';
import { PrzlListSchema } from '../schemas/parcel';
import { validate } from '../schemas/validate';
import type { DrawItem, FixedPart, LabelDrawing } from './drawing';
import { humanIdentcodeBottom, identcodeDigits, placeIdentcode } from './identcode-block';
import { LabelRenderError } from './label-render-error';
import type { LayoutSpec } from './layouts';
import { IDENTCODE_BARCODE, LAYOUTS, SERVICE_BARCODE } from './layouts';
import { singleLabelPdf } from './pdf-single';
import { drawingToPng } from './raster';
import { placeServices, SERVICE_BARCODE_LENGTH, serviceColumns } from './service-codes';
import { drawingToSvg } from './svg';
import { fitBlock } from './text-fit';
import { edgeErrorModules, MAX_EDGE_ERROR_MODULES } from './zpl';

/** The formats of a barcode for the shop's own documents. */
export type BarcodeFormat = 'svg' | 'png' | 'pdf';

const BARCODE_MEDIA_TYPES: Readonly<Record<BarcodeFormat, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
};

export const BarcodeOptionsSchema = z
  .object({
    /** `svg` (default), `png` or `pdf`: a one-page PDF exactly the size of the barcode. */
    format: z.enum(['svg', 'png', 'pdf']).default('svg'),
    /** Pixels per inch of a PNG (default 300). Other formats are vector and ignore it. */
    resolution: z.number().int().min(72).max(2400).default(300),
    /**
     * The parcel's service codes, printed beside the identcode with their barcodes as on the
     * label (`['PRI']`, `['ECO', 'SI']`). Omit them for the identcode alone.
     */
    services: PrzlListSchema.optional(),
  })
  .strict();

/**
 * How a barcode is rendered: format, PNG resolution and the service codes printed beside it, as
 * {@link renderBarcode} accepts them.
 */
export type BarcodeOptions = z.input<typeof BarcodeOptionsSchema>;

/** A barcode as a file, with its printed size. */
export interface RenderedBarcode {
  /** The identcode it carries (18 digits). */
  identcode: string;
  format: BarcodeFormat;
  mediaType: string;
  /** `<identcode>-barcode.<svg|png|pdf>`. */
  fileName: string;
  data: Uint8Array;
  /** Its size in millimetres, quiet zones included: place it at exactly this size. */
  width: number;
  height: number;
}

/** White above the bars and below the human-readable identcode. */
const EDGE = 2;
/** The service barcodes read upwards: their quiet zones are above and below them. */
const SERVICE_EDGE = EDGE + SERVICE_BARCODE.quietZone;
const SERVICE_CODE_SIZES = { size: LAYOUTS.A6.serviceCodeSize, minSize: 6 };

/** Nothing fixed: the barcode piece has one part, and one such object serves every piece. */
const NO_FIXED_PART: FixedPart = {
  items: [],
  boxes: [],
  issues: { services: [], senderText: [], codesFit: [], senderFit: [] },
  lineBudget: 0,
  addressTop: 0,
  addressRight: 0,
};

/** The service columns right of the identcode, placed on a page wide enough for them. */
function servicesPiece(
  services: readonly string[],
  issues: ValidationIssue[],
): { items: DrawItem[]; right: number } {
  const wide: LayoutSpec = { ...LAYOUTS.A5, page: { width: 1000, height: 1000 }, margin: 0 };
  const { columns } = serviceColumns({ przl: services, przlPath: 'services' }, wide, issues);
  const codes = fitBlock(
    columns.map(({ code }) => ({ text: code, role: 'name', fields: ['services'] })),
    SERVICE_CODE_SIZES,
    SERVICE_BARCODE_LENGTH,
    'bold',
    'service code column',
    issues,
  );
  const items: DrawItem[] = [];
  placeServices(items, columns, { ...wide, barsTop: SERVICE_EDGE }, codes);
  let right = 0;
  for (const item of items) {
    const far = item.kind === 'barcode' ? item.x + item.height : item.x;
    right = Math.max(right, far);
  }
  return { items, right };
}

/**
 * The identcode barcode as the labels draw it, alone: 68.5 × 23 mm of bars with 8 mm quiet
 * zones, the human-readable identcode under it, and optionally the service codes beside it.
 */
export function barcodeDrawing(identcode: string, services?: readonly string[]): LabelDrawing {
  const issues: ValidationIssue[] = [];
  const digits = identcodeDigits(identcode, issues);
  const beside = services === undefined ? undefined : servicesPiece(services, issues);
  if (digits === undefined || issues.length > 0) {
    throw new PickPostValidationError('barcode', issues);
  }
  const barsTop = beside === undefined ? EDGE : SERVICE_EDGE;
  const identcodeRight =
    IDENTCODE_BARCODE.left +
    IDENTCODE_BARCODE.targetLength +
    IDENTCODE_BARCODE.quietZoneRight +
    // As on the left: rounding never eats into the quiet zone.
    0.1;
  const spec: LayoutSpec = {
    ...LAYOUTS.A6,
    margin: 0,
    barsTop,
    page: { width: 0, height: 0 },
  };
  const bottom = Math.max(
    humanIdentcodeBottom(spec),
    beside === undefined ? 0 : barsTop + SERVICE_BARCODE_LENGTH + SERVICE_BARCODE.quietZone,
  );
  const width = beside === undefined ? identcodeRight : beside.right + EDGE;
  const items: DrawItem[] = [...(beside?.items ?? [])];
  const page = { width: Math.ceil(width * 10) / 10, height: Math.ceil((bottom + EDGE) * 10) / 10 };
  const placed = { ...spec, page };
  placeIdentcode(items, digits, placed);
  return { spec: placed, identcode: digits, fixed: NO_FIXED_PART, items };
}

/** Refuses a PNG resolution at which a pixel moves bar edges too far for a reader. */
function assertRasterResolution(dpi: number): void {
  const error = edgeErrorModules(dpi / 25.4);
  if (error <= MAX_EDGE_ERROR_MODULES) return;
  throw new LabelRenderError({
    field: 'resolution',
    reason: 'unsupported_resolution',
    message: `at ${dpi} pixels per inch a pixel moves a bar edge by ${error.toFixed(2)} module, more than the ${MAX_EDGE_ERROR_MODULES} a reader can be relied on to absorb: use 250 or more (300 and 600 are what printers have)`,
  });
}

/**
 * The identcode barcode alone, for a shop's own delivery notes and invoices (Swiss Post allows
 * printing it "on your delivery documents" instead of a label): the bars at Swiss Post's
 * printed size (68.5 × 23 mm, within 68–69 × 22.8–23.2 mm) with their quiet zones, the
 * identcode in human-readable form under them and, on request, the service codes beside it.
 * Place the file at `width` × `height` millimetres, never scaled.
 *
 * @example
 * const { data, width, height } = renderBarcode('996001321700005959', { format: 'png', resolution: 600 });
 */
export function renderBarcode(identcode: string, options: BarcodeOptions = {}): RenderedBarcode {
  const { format, resolution, services } = validate(
    BarcodeOptionsSchema,
    options,
    'barcode options',
  );
  if (format === 'png') assertRasterResolution(resolution);
  const drawing = barcodeDrawing(identcode, services);
  const data =
    format === 'svg'
      ? Buffer.from(drawingToSvg(drawing))
      : format === 'png'
        ? drawingToPng(drawing, resolution)
        : singleLabelPdf(drawing, { sheet: 'label', startPosition: 1, compress: true });
  return {
    identcode: drawing.identcode,
    format,
    mediaType: BARCODE_MEDIA_TYPES[format],
    fileName: `${drawing.identcode}-barcode.${format}`,
    data,
    width: drawing.spec.page.width,
    height: drawing.spec.page.height,
  };
}
