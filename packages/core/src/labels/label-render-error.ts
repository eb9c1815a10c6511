import type { PickPostErrorOptions } from '../errors/index';
import { isPickPostErrorNamed, PickPostError } from '../errors/index';

/** Why a label could not be produced although its input was valid. */
export type LabelRenderErrorReason =
  | 'unsupported_format'
  | 'unsupported_resolution'
  | 'unsupported_output'
  | 'layout_overflow'
  | 'render_failed';

/**
 * A label could not be rendered with the requested options: a format this release does not draw
 * (PNG), a resolution at which the barcode cannot meet Swiss Post's printed size, or an output
 * mode the format does not have. `field` names the option to change. Input that breaks a Swiss
 * Post rule (text that does not fit, too many service codes) is a `PickPostValidationError`
 * instead.
 *
 * @example
 * try {
 *   await renderLabel(input, { format: 'png' });
 * } catch (error) {
 *   if (isLabelRenderError(error)) console.log(error.field, error.message); // 'format', …
 * }
 */
export class LabelRenderError extends PickPostError {
  override name = 'LabelRenderError' as const;
  /** The option (or input path) that has to change, e.g. `format` or `resolution`. */
  readonly field: string;
  readonly reason: LabelRenderErrorReason;
  /** What is wrong with the option, without the option's name (the message prefixes it). */
  readonly detail: string;

  constructor(
    init: { field: string; reason: LabelRenderErrorReason; message: string } & PickPostErrorOptions,
  ) {
    super('LABEL_RENDER_FAILED', `${init.field}: ${init.message}`, init);
    this.field = init.field;
    this.reason = init.reason;
    this.detail = init.message;
  }

  protected override details(): Record<string, unknown> {
    return { field: this.field, reason: this.reason };
  }
}

/**
 * Whether `value` is a {@link LabelRenderError}, from this copy of `@pickpost/core` or another.
 *
 * @example
 * if (isLabelRenderError(error) && error.field === 'resolution') useFormat('pdf');
 */
export function isLabelRenderError(value: unknown): value is LabelRenderError {
  return value instanceof LabelRenderError || isPickPostErrorNamed(value, 'LabelRenderError');
}

/** The error for a layout that has no room left for `what` (the address, service codes…). */
export function layoutOverflow(layout: string, what: string): LabelRenderError {
  return new LabelRenderError({
    field: 'layout',
    reason: 'layout_overflow',
    message: `the ${layout} layout has no room left for ${what}`,
  });
}
