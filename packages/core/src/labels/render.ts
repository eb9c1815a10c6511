import { Readable } from 'node:stream';
import { PickPostValidationError } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import { composeLabel } from './compose';
import type { LabelDrawing } from './drawing';
import { LabelRenderError } from './label-render-error';
import { PdfLabelWriter } from './pdf';
import { singleLabelPdf } from './pdf-single';
import type { Settings } from './settings';
import { settingsOf } from './settings';
import { drawingToSvg } from './svg';
import type {
  LabelInput,
  LabelInputs,
  RenderedLabel,
  RenderLabelOptions,
  RenderLabelsOptions,
} from './types';
import { drawingToZpl } from './zpl';

export { assertRenderable } from './settings';

/** The media type of each label format, PNG (from the Barcode web service) included. */
export const LABEL_MEDIA_TYPES: Readonly<Record<LabelOptions['format'], string>> = {
  pdf: 'application/pdf',
  zpl: 'application/zpl',
  svg: 'image/svg+xml',
  png: 'image/png',
};

async function* inputsOf(inputs: LabelInputs): AsyncGenerator<LabelInput> {
  yield* inputs;
}

function subjectOf(index: number | undefined): string {
  return index === undefined ? 'label' : `label #${index + 1}`;
}

function compose(input: LabelInput, settings: Settings, index?: number): LabelDrawing {
  return composeLabel(input, settings.label, {
    subject: subjectOf(index),
    applicationLine: settings.applicationLine,
  });
}

/** UTF-8 bytes of an SVG document (faster than a TextEncoder). */
const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

async function renderOne(
  input: LabelInput,
  settings: Settings,
  index?: number,
): Promise<RenderedLabel> {
  const { label } = settings;
  const drawing = compose(input, settings, index);
  let data: Uint8Array;
  if (label.format === 'pdf') {
    data = singleLabelPdf(drawing, {
      sheet: label.sheet,
      startPosition: label.startPosition,
      compress: settings.compress,
    });
  } else if (label.format === 'zpl') {
    data = drawingToZpl(drawing, label.resolution, subjectOf(index));
  } else {
    data = utf8(drawingToSvg(drawing));
  }
  return {
    identcode: drawing.identcode,
    format: label.format,
    mediaType: LABEL_MEDIA_TYPES[label.format],
    fileName: `${drawing.identcode}.${label.format}`,
    data,
  };
}

/**
 * Renders one label for a self-generated barcode (integration variants 2, 3 and 4b): a parcel
 * to a PickPost counter or My Post 24 terminal, or a return parcel to the shop. Everything is
 * checked before anything is drawn: text that does not fit, too many service codes for the
 * layout or an identcode that is not one throw a `PickPostValidationError` naming the field;
 * options that cannot be rendered (`format: 'png'`, ZPL at 200 dpi, i.e. 8 dots/mm) a
 * `LabelRenderError`.
 *
 * @example
 * const shipment = validate(ShipmentSchema, order, 'shipment');
 * const label = await renderLabel(
 *   { type: 'shipment', shipment, identcode: '996001321700005959', sender },
 *   { layout: 'A6', format: 'pdf' },
 * );
 * await writeFile(label.fileName, label.data);
 */
export async function renderLabel(
  input: LabelInput,
  options: RenderLabelOptions = {},
): Promise<RenderedLabel> {
  return renderOne(input, settingsOf(options));
}

async function* mergedPdf(inputs: LabelInputs, settings: Settings): AsyncGenerator<Uint8Array> {
  const writer = new PdfLabelWriter({
    sheet: settings.label.sheet,
    startPosition: settings.label.startPosition,
    compress: settings.compress,
  });
  let index = 0;
  // Pull one input, draw it, hand its bytes on: the consumer's pace sets ours.
  for await (const input of inputsOf(inputs)) {
    writer.add(compose(input, settings, index));
    index += 1;
    yield* writer.take();
  }
  if (index === 0) {
    throw new PickPostValidationError('labels', [
      { path: '', message: 'holds no label: a PDF needs at least one page', code: 'empty' },
    ]);
  }
  yield* writer.end();
}

async function* mergedZpl(inputs: LabelInputs, settings: Settings): AsyncGenerator<Uint8Array> {
  let index = 0;
  for await (const input of inputsOf(inputs)) {
    const drawing = compose(input, settings, index);
    yield drawingToZpl(drawing, settings.label.resolution, subjectOf(index));
    index += 1;
  }
}

async function* labelFiles(inputs: LabelInputs, settings: Settings): AsyncGenerator<RenderedLabel> {
  let index = 0;
  for await (const input of inputsOf(inputs)) {
    yield await renderOne(input, settings, index);
    index += 1;
  }
}

/**
 * Renders many labels. By default (`output: 'merged'`) the result is one stream: a multi-page
 * PDF (or A4 sheets of four A6 labels with `sheet: 'a4'`), or the ZPL formats one after the
 * other. It is a Node `Readable`, so also an async iterable of byte chunks; labels are drawn as
 * the stream is read, so memory does not grow with the number of labels. With
 * `output: 'files'` the result is an async iterable of one {@link RenderedLabel} per input.
 *
 * A label that breaks a rule ends the stream with a `PickPostValidationError` whose subject
 * names it (`label #12`); the labels before it have been streamed.
 *
 * @example
 * await pipeline(
 *   renderLabels(readyShipments(), { layout: 'A6', sheet: 'a4', startPosition: 3 }),
 *   createWriteStream('labels.pdf'),
 * );
 * for await (const file of renderLabels(inputs, { format: 'zpl', output: 'files' })) {
 *   await writeFile(file.fileName, file.data);
 * }
 */
export function renderLabels(
  inputs: LabelInputs,
  options: RenderLabelsOptions & { output: 'files' },
): AsyncIterable<RenderedLabel>;
export function renderLabels(
  inputs: LabelInputs,
  options?: RenderLabelsOptions & { output?: 'merged' },
): Readable;
export function renderLabels(
  inputs: LabelInputs,
  options: RenderLabelsOptions,
): Readable | AsyncIterable<RenderedLabel>;
export function renderLabels(
  inputs: LabelInputs,
  options: RenderLabelsOptions = {},
): Readable | AsyncIterable<RenderedLabel> {
  const { output = 'merged', ...rest } = options;
  const settings = settingsOf(rest);
  if (output === 'files') return labelFiles(inputs, settings);
  if (output !== 'merged') {
    throw new LabelRenderError({
      field: 'output',
      reason: 'unsupported_output',
      message: 'must be merged or files',
    });
  }
  if (settings.label.format === 'svg') {
    throw new LabelRenderError({
      field: 'output',
      reason: 'unsupported_output',
      message: 'an SVG document holds one label: use output "files" for svg',
    });
  }
  const chunks =
    settings.label.format === 'pdf' ? mergedPdf(inputs, settings) : mergedZpl(inputs, settings);
  return Readable.from(chunks, { objectMode: false });
}
