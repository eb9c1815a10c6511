import { PickPostError } from '../errors/index';
import { LabelRenderError } from '../labels/label-render-error';
import { LABEL_MEDIA_TYPES, renderLabels } from '../labels/render';
import type { LabelOptions } from '../schemas/label-options';
import type { StoredFulfilResult } from './parcel-record';
import { fromStored } from './parcel-record';
import type { ParcelMaker } from './parcels';
import type { BulkLabelOptions, FulfilResult, LabelStream } from './pickpost';

/** The items in turn, telling `onLabel` as each is taken (the renderers pull them one by one). */
function* reporting<T>(items: readonly T[], onLabel: BulkLabelOptions['onLabel']): Generator<T> {
  for (const [index, item] of items.entries()) {
    onLabel?.(index + 1, items.length);
    yield item;
  }
}

/**
 * Labels as stored, merged: ZPL formats one after the other; PDFs (Swiss Post's own among them,
 * which cannot be drawn again) page by page with pdf-lib.
 */
async function* mergeStoredLabels(
  stored: readonly FulfilResult[],
  format: 'pdf' | 'zpl',
  onLabel: BulkLabelOptions['onLabel'],
): AsyncGenerator<Uint8Array> {
  const results = reporting(stored, onLabel);
  if (format === 'zpl') {
    for (const result of results) yield result.label.data;
    return;
  }
  const { PDFDocument } = await import('pdf-lib');
  const merged = await PDFDocument.create();
  for (const result of results) {
    if (result.label.format !== 'pdf') {
      throw new PickPostError(
        'LABEL_RENDER_FAILED',
        `The label of ${result.identcode} is ${result.label.format}, not pdf: it cannot go into a merged PDF`,
      );
    }
    const source = await PDFDocument.load(result.label.data);
    for (const page of await merged.copyPages(source, source.getPageIndices()))
      merged.addPage(page);
  }
  // Without object streams (PDF 1.5), so older printer drivers read the file too.
  yield await merged.save({ useObjectStreams: false });
}

/**
 * Reprints many earlier parcels as one file: labels this SDK drew are drawn again and streamed
 * page by page; as soon as one came from the Barcode web service, the stored files are merged.
 */
export function createBulkLabels(deps: { parcels: ParcelMaker; labels: LabelOptions }) {
  return async function bulkLabels(
    identcodes: readonly string[],
    options: BulkLabelOptions = {},
  ): Promise<LabelStream> {
    // Records only: labels drawn here are drawn again into the merged file, not one by one.
    const records: StoredFulfilResult[] = [];
    for (const identcode of identcodes) {
      const record = await deps.parcels.findRecord(identcode);
      if (record === undefined)
        throw new PickPostError('NOT_FOUND', `No parcel with identcode ${identcode} was made here`);
      records.push(record);
    }
    const fromPost = records.some((record) => 'base64' in record.label);
    const format = records.every((record) => record.label.format === 'zpl') ? 'zpl' : 'pdf';
    const sheet = options.sheet ?? deps.labels.sheet;
    if (fromPost && sheet === 'a4') {
      throw new LabelRenderError({
        field: 'sheet',
        reason: 'unsupported_output',
        message:
          'labels from the Barcode web service are merged as Swiss Post made them and cannot be placed on A4 sheets',
      });
    }
    const stream = fromPost
      ? mergeStoredLabels(
          await Promise.all(records.map((record) => fromStored(record))),
          format,
          options.onLabel,
        )
      : ((await renderLabels(
          reporting(
            records.map((record) => record.labelInput),
            options.onLabel,
          ),
          {
            ...deps.labels,
            format,
            sheet,
            startPosition: options.startPosition ?? deps.labels.startPosition,
          },
        )) as AsyncIterable<Uint8Array>);
    return {
      mediaType: LABEL_MEDIA_TYPES[format],
      fileName: `labels-${records.length}.${format}`,
      stream,
    };
  };
}
