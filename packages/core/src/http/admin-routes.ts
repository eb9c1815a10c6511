import { PickPostValidationError } from '../errors/index';
import type { BarcodeFormat } from '../labels/barcode';
import { parcelBarcode } from '../variants/parcel-barcode';
import type { FulfilOrder, PickPost } from '../variants/pickpost';
import { errorAnswer, jsonAnswer } from './errors';
import type { Route } from './route-table';

/** Admin bodies hold orders and identcode lists: larger than a checkout's. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;

/** An async iterable as a web stream, pulled page by page so nothing piles up in memory. */
function toReadableStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The identcodes of a bulk label request: 1 to 1000 strings. */
function bulkIdentcodes(body: Record<string, unknown>): string[] {
  const { identcodes } = body;
  if (
    !Array.isArray(identcodes) ||
    identcodes.length === 0 ||
    identcodes.length > 1_000 ||
    identcodes.some((code) => typeof code !== 'string')
  ) {
    throw new PickPostValidationError('bulk labels', [
      {
        path: 'identcodes',
        message: 'must be a list of 1 to 1000 identcodes',
        code: 'invalid_identcodes',
      },
    ]);
  }
  return identcodes as string[];
}

const BARCODE_FORMATS = new Set<string>(['svg', 'png', 'pdf']);

/** `?format=svg|png|pdf&resolution=<dpi>&services=1` of a barcode request. */
function barcodeQuery(url: URL): { format: BarcodeFormat; resolution?: number; services: boolean } {
  const format = url.searchParams.get('format') ?? 'svg';
  const resolution = url.searchParams.get('resolution');
  if (!BARCODE_FORMATS.has(format) || (resolution !== null && !/^\d{2,4}$/.test(resolution))) {
    throw new PickPostValidationError('barcode', [
      {
        path: BARCODE_FORMATS.has(format) ? 'resolution' : 'format',
        message: 'must be svg, png or pdf, and a resolution 2 to 4 digits of pixels per inch',
        code: 'invalid_query',
      },
    ]);
  }
  return {
    format: format as BarcodeFormat,
    ...(resolution === null ? {} : { resolution: Number(resolution) }),
    services: url.searchParams.get('services') === '1',
  };
}

/**
 * The shop's own API (Bearer token): fulfil an order, fetch a label or the barcode alone for the
 * shop's own documents, merge many labels into one streamed file, deliver DataTransfer now.
 */
export function adminRoutes(deps: { pickpost: PickPost; basePath: string }): Route[] {
  const { pickpost, basePath } = deps;
  return [
    {
      method: 'POST',
      path: '/shipments',
      access: 'admin',
      bodyLimit: ADMIN_BODY_LIMIT,
      async handle({ body }) {
        const result = await pickpost.fulfil(body as unknown as FulfilOrder);
        return jsonAnswer(201, {
          orderRef: result.orderRef,
          parcelIndex: result.parcelIndex,
          identcode: result.identcode,
          trackingUrl: result.trackingUrl,
          transmission: result.transmission,
          fallback: result.fallback,
          // Drawn on request at this URL also when the order asked for none (`label: false`).
          label: {
            format: result.label?.format ?? pickpost.labelOptions.format,
            url: `${basePath}/labels/${result.identcode}`,
          },
          barcode: { url: `${basePath}/barcodes/${result.identcode}` },
        });
      },
    },
    {
      method: 'GET',
      path: '/labels/:identcode(\\d{18})',
      access: 'admin',
      async handle({ params }) {
        const identcode = params.identcode ?? '';
        const result = await pickpost.findByIdentcode(identcode);
        if (result === undefined)
          return errorAnswer(404, 'NOT_FOUND', `No parcel with identcode ${identcode}`);
        return {
          status: 200,
          headers: {
            'content-type': result.label.mediaType,
            'content-disposition': `inline; filename="${result.label.fileName}"`,
            'cache-control': 'private, no-cache',
          },
          body: result.label.data,
        };
      },
    },
    {
      method: 'GET',
      path: '/barcodes/:identcode(\\d{18})',
      access: 'admin',
      async handle({ params, url }) {
        const identcode = params.identcode ?? '';
        const query = barcodeQuery(url);
        const result = await pickpost.findByIdentcode(identcode);
        if (result === undefined)
          return errorAnswer(404, 'NOT_FOUND', `No parcel with identcode ${identcode}`);
        const barcode = parcelBarcode(result, query);
        return {
          status: 200,
          headers: {
            'content-type': barcode.mediaType,
            'content-disposition': `inline; filename="${barcode.fileName}"`,
            'cache-control': 'private, no-cache',
          },
          body: barcode.data,
        };
      },
    },
    {
      method: 'POST',
      path: '/labels/bulk',
      access: 'admin',
      bodyLimit: ADMIN_BODY_LIMIT,
      async handle({ body }) {
        const bulk = await pickpost.bulkLabels(bulkIdentcodes(body));
        return {
          status: 200,
          headers: {
            'content-type': bulk.mediaType,
            'content-disposition': `inline; filename="${bulk.fileName}"`,
          },
          body: toReadableStream(bulk.stream),
        };
      },
    },
    {
      method: 'POST',
      path: '/datatransfer/flush',
      access: 'admin',
      async handle() {
        return jsonAnswer(200, await pickpost.flushDataTransfer());
      },
    },
  ];
}
