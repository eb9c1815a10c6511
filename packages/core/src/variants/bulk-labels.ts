import { PickPostError } from '../errors/index';
import { LABEL_MEDIA_TYPES, renderLabels } from '../labels/render';
import type { LabelOptions } from '../schemas/label-options';
import type { ParcelMaker } from './parcels';
import type { FulfilResult, LabelStream } from './pickpost';

/**
 * Labels as stored, merged: ZPL formats one after the other; PDFs (Swiss Post's own among them,
 * which cannot be drawn again) page by page with pdf-lib.
 */
async function* mergeStoredLabels(
  results: readonly FulfilResult[],
  format: 'pdf' | 'zpl',
): AsyncGenerator<Uint8Array> {
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
  return async function bulkLabels(identcodes: readonly string[]): Promise<LabelStream> {
    const results: FulfilResult[] = [];
    for (const identcode of identcodes) {
      const result = await deps.parcels.findByIdentcode(identcode);
      if (result === undefined)
        throw new PickPostError('NOT_FOUND', `No parcel with identcode ${identcode} was made here`);
      results.push(result);
    }
    const fromPost = results.some(
      (result) => result.transmission === 'barcode-webservice' && !result.fallback,
    );
    const format = results.every((result) => result.label.format === 'zpl') ? 'zpl' : 'pdf';
    const stream = fromPost
      ? mergeStoredLabels(results, format)
      : ((await renderLabels(
          results.map((result) => result.labelInput),
          { ...deps.labels, format },
        )) as AsyncIterable<Uint8Array>);
    return {
      mediaType: LABEL_MEDIA_TYPES[format],
      fileName: `labels-${results.length}.${format}`,
      stream,
    };
  };
}
