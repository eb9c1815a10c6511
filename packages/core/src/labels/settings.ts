import { PickPostValidationError } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import { LabelOptionsSchema } from '../schemas/label-options';
import { validate } from '../schemas/validate';
import { applicationLine } from './application-line';
import { LabelRenderError } from './label-render-error';
import type { RenderedLabelFormat, RenderLabelOptions } from './types';
import { assertZplResolution } from './zpl';

/** What one `renderLabel` or `renderLabels` call draws with. */
export interface Settings {
  readonly label: LabelOptions & { format: RenderedLabelFormat };
  readonly compress: boolean;
  /** One application line for the whole batch, so fixed items repeat from label to label. */
  readonly applicationLine: string;
}

/**
 * Refuses label options this renderer cannot honour (PNG; ZPL at a resolution where the barcodes
 * cannot meet Swiss Post's prescription: 200, an 8 dots/mm printer) with a `LabelRenderError`
 * naming the option. Also what a configuration is checked with, so both say the same thing.
 *
 * @example
 * assertRenderable({ format: 'zpl', resolution: 300 }); // passes; 200 would throw
 */
export function assertRenderable(label: Pick<LabelOptions, 'format' | 'resolution'>): void {
  if (label.format === 'png') {
    throw new LabelRenderError({
      field: 'format',
      reason: 'unsupported_format',
      message:
        'png is not rendered locally: a raster image would need its own bar-width rounding per printer. Use pdf (vector), svg, or zpl',
    });
  }
  if (label.format === 'zpl') assertZplResolution(label.resolution);
}

const OPTION_KEYS = Object.keys(LabelOptionsSchema.shape) as Array<keyof LabelOptions>;

/**
 * Options already parsed, by their values. Shops render label after label with the same few
 * option sets, and parsing them is most of what a ZPL label costs otherwise. Bounded by the
 * options' few valid values (invalid ones throw and are not kept).
 */
const parsed = new Map<string, LabelOptions & { format: RenderedLabelFormat }>();

/** The options as a key, or `undefined` when a value is not a plain one (never cached). */
function keyOf(options: Record<string, unknown>): string | undefined {
  let key = '';
  for (const name of OPTION_KEYS) {
    const value = options[name];
    if (value === undefined) key += '|';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      key += `|${typeof value}:${value}`;
    } else return undefined;
  }
  return key;
}

/** The option values parsed last and the result: a run of labels repeats one set. */
let last: { values: unknown[]; label: Settings['label'] } | undefined;

function isLast(options: Record<string, unknown>): boolean {
  if (last === undefined) return false;
  for (let index = 0; index < OPTION_KEYS.length; index += 1) {
    if (options[OPTION_KEYS[index] as string] !== last.values[index]) return false;
  }
  return true;
}

function labelOptionsOf(options: Record<string, unknown>): Settings['label'] {
  if (last !== undefined && isLast(options)) return last.label;
  const key = keyOf(options);
  let label = key === undefined ? undefined : parsed.get(key);
  if (label === undefined) {
    // Unknown keys (`compress`, `printedAt`, anything else) are left out by the schema.
    const valid = Object.freeze(validate(LabelOptionsSchema, options, 'label options'));
    assertRenderable(valid);
    label = valid as Settings['label'];
    if (key !== undefined) parsed.set(key, label);
  }
  // Only plain values are compared by `===` later.
  if (key !== undefined) last = { values: OPTION_KEYS.map((name) => options[name]), label };
  return label;
}

/**
 * Parses the options and refuses, before any input is read, what cannot be rendered.
 *
 * @example
 * const settings = settingsOf({ layout: 'A6', format: 'zpl' });
 */
export function settingsOf(options: RenderLabelOptions): Settings {
  const { compress, printedAt } = options;
  const label = labelOptionsOf(options);
  if (printedAt !== undefined && !(printedAt instanceof Date && Number.isFinite(+printedAt))) {
    throw new PickPostValidationError('label options', [
      { path: 'printedAt', message: 'must be a valid Date', code: 'invalid_date' },
    ]);
  }
  return { label, compress: compress ?? true, applicationLine: applicationLine(printedAt) };
}
