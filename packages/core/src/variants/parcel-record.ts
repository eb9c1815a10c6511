import { LABEL_MEDIA_TYPES, renderLabel } from '../labels/render';
import type { LabelInput, RenderedLabelFormat, RenderLabelOptions } from '../labels/types';
import type { Clock } from '../ports/clock';
import type { LabelOptions } from '../schemas/label-options';
import type { Fingerprint } from './fingerprint';
import type { FulfilResult, FulfilResultWithoutLabel, LabelFile } from './pickpost';

/**
 * A parcel's record as the store keeps it, and labels drawn here from it: a Swiss Post label
 * is kept as it came, one drawn here as what draws it again.
 */

/** A parcel as `make` gives it: without its label when the caller asked for none. */
export type ParcelResult = FulfilResult | FulfilResultWithoutLabel;

/**
 * What a label drawn here is drawn from besides its `labelInput`: the options and the printing
 * date. The renderer is deterministic in these, so the stored record keeps them (a few hundred
 * bytes) rather than the label (14–26 KB of PDF, a third more as base64), which made the commit of every
 * order several times larger. A reprint after an SDK upgrade may differ in the application line
 * (it names the version); identcode, barcode and addresses are the same.
 */
export interface LabelRedraw {
  options: RenderLabelOptions & { format: RenderedLabelFormat };
  printedAt: string;
}

/**
 * A result as the store keeps it: a label from Swiss Post as base64, one drawn here as what it
 * is drawn again from.
 */
export interface StoredFulfilResult extends Omit<FulfilResult, 'label'> {
  label: Omit<LabelFile, 'data'> & ({ base64: string } | { redraw: LabelRedraw });
  /** The request's fingerprint (absent in records written before fingerprints were kept). */
  fingerprint?: Fingerprint;
}

export function toStored(
  result: FulfilResult,
  redraw: LabelRedraw | undefined,
): StoredFulfilResult {
  const { label, ...rest } = result;
  const { data, ...file } = label;
  return {
    ...rest,
    label:
      redraw === undefined
        ? { ...file, base64: Buffer.from(data).toString('base64') }
        : { ...file, redraw },
  };
}

export async function fromStored(stored: StoredFulfilResult, draw: false): Promise<ParcelResult>;
export async function fromStored(stored: StoredFulfilResult, draw?: true): Promise<FulfilResult>;
export async function fromStored(stored: StoredFulfilResult, draw = true): Promise<ParcelResult> {
  const { label, ...rest } = stored;
  if (!draw && 'redraw' in label) return rest;
  if ('base64' in label) {
    const { base64, ...file } = label;
    return { ...rest, label: { ...file, data: Buffer.from(base64, 'base64') } };
  }
  const { redraw, ...file } = label;
  const drawn = await renderLabel(stored.labelInput, {
    ...redraw.options,
    printedAt: new Date(redraw.printedAt),
  });
  return { ...rest, label: { ...file, data: drawn.data } };
}

/** Renders a label here: self-generated variants, the fallback, and a recovered web service label. */
export function plannedLabel(
  deps: { labels: LabelOptions; clock: Clock },
  identcode: string,
): { file: Omit<LabelFile, 'data'>; redraw: LabelRedraw } {
  const { labels, clock } = deps;
  const options = { ...labels, format: labels.format === 'png' ? 'pdf' : labels.format } as const;
  const printedAt = new Date(clock.now()).toISOString();
  const file = {
    format: options.format,
    mediaType: LABEL_MEDIA_TYPES[options.format],
    fileName: `${identcode}.${options.format}`,
  };
  return { file, redraw: { options, printedAt } };
}

export async function renderLocally(
  deps: { labels: LabelOptions; clock: Clock },
  input: LabelInput,
): Promise<{ label: LabelFile; redraw: LabelRedraw }> {
  const { redraw } = plannedLabel(deps, input.identcode);
  const { identcode: _drawn, ...label } = await renderLabel(input, {
    ...redraw.options,
    printedAt: new Date(redraw.printedAt),
  });
  return { label, redraw };
}
