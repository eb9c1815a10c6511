import { isPickPostError } from '@pickpost/core';
import { pickPostOf } from './registry';
import { writeStream } from './send-answer';
import type { RouteRequest, RouteResponse } from './store-routes';

/** An admin route request: Medusa has authenticated the admin user before the handler runs. */
export interface AdminRouteRequest extends RouteRequest {
  params?: Record<string, string | undefined>;
  /** Medusa's request container, for the query service. */
  scope?: {
    /** A registered service by name (`query`). */
    resolve(name: string): unknown;
  };
}

interface Query {
  graph(input: {
    entity: string;
    fields: string[];
    filters: Record<string, unknown>;
  }): Promise<{ data: Array<Record<string, unknown>> }>;
}

export const json = (res: RouteResponse, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
};

/** Medusa's error shape for what the admin asked wrongly; other errors go to Medusa's handler. */
function refuse(res: RouteResponse, error: unknown): void {
  if (isPickPostError(error) && error.code === 'NOT_FOUND') {
    json(res, 404, { type: 'not_found', message: error.message });
    return;
  }
  if (isPickPostError(error) && error.code === 'VALIDATION_FAILED') {
    json(res, 400, { type: 'invalid_data', message: error.message });
    return;
  }
  throw error;
}

/**
 * `GET /admin/pickpost/labels/:identcode`: the label of a parcel as the file it was made as
 * (PDF by default). This is where a fulfillment's `label_url` points.
 *
 * @example
 * // src/api/admin/pickpost/labels/[identcode]/route.ts
 * export { adminLabelRoute as GET } from '@pickpost/medusa';
 */
export async function adminLabelRoute(req: AdminRouteRequest, res: RouteResponse): Promise<void> {
  const identcode = String(req.params?.identcode ?? '');
  const parcel = await pickPostOf().pickpost.findByIdentcode(identcode);
  if (parcel === undefined) {
    json(res, 404, { type: 'not_found', message: `PickPost: no parcel ${identcode}` });
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', parcel.label.mediaType);
  res.setHeader('content-disposition', `inline; filename="${parcel.label.fileName}"`);
  res.setHeader('cache-control', 'private, no-store');
  res.end(parcel.label.data);
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The identcodes of fulfillments and orders, read from `fulfillment.data` with Medusa's query. */
async function identcodesOf(req: AdminRouteRequest, body: Record<string, unknown>) {
  const identcodes = stringList(body.identcodes);
  const fulfillmentIds = stringList(body.fulfillment_ids);
  const orderIds = stringList(body.order_ids);
  if (fulfillmentIds.length === 0 && orderIds.length === 0) return identcodes;
  const query = req.scope?.resolve('query') as Query;
  if (fulfillmentIds.length > 0) {
    const { data } = await query.graph({
      entity: 'fulfillment',
      fields: ['id', 'data'],
      filters: { id: fulfillmentIds },
    });
    for (const row of data)
      identcodes.push(String((row.data as { identcode?: unknown })?.identcode ?? ''));
  }
  if (orderIds.length > 0) {
    const { data } = await query.graph({
      entity: 'order',
      fields: ['id', 'fulfillments.data', 'fulfillments.canceled_at'],
      filters: { id: orderIds },
    });
    for (const order of data) {
      for (const ful of (order.fulfillments ?? []) as Array<Record<string, unknown>>) {
        const code = (ful.data as { identcode?: unknown } | null)?.identcode;
        if (typeof code === 'string' && ful.canceled_at == null) identcodes.push(code);
      }
    }
  }
  return identcodes.filter((code) => code !== '');
}

/**
 * `POST /admin/pickpost/labels` with `{ identcodes?, fulfillment_ids?, order_ids?, sheet?,
 * start_position? }`: the labels as one merged PDF, streamed page by page (`sheet: 'a4'` puts
 * four A6 labels on a page, starting at `start_position` 1–4).
 *
 * @example
 * // src/api/admin/pickpost/labels/route.ts
 * export { adminBulkLabelsRoute as POST } from '@pickpost/medusa';
 */
export async function adminBulkLabelsRoute(
  req: AdminRouteRequest,
  res: RouteResponse,
): Promise<void> {
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
    string,
    unknown
  >;
  const identcodes = await identcodesOf(req, body);
  if (identcodes.length === 0) {
    json(res, 400, {
      type: 'invalid_data',
      message: 'PickPost: no PickPost parcel among what was asked for',
    });
    return;
  }
  try {
    const labels = await pickPostOf().pickpost.bulkLabels(identcodes, {
      ...(body.sheet === 'a4' || body.sheet === 'label' ? { sheet: body.sheet } : {}),
      ...(body.start_position === undefined ? {} : { startPosition: Number(body.start_position) }),
    });
    res.statusCode = 200;
    res.setHeader('content-type', labels.mediaType);
    res.setHeader('content-disposition', `attachment; filename="${labels.fileName}"`);
    await writeStream(labels.stream, res);
  } catch (error) {
    refuse(res, error);
  }
}

/**
 * `POST /admin/pickpost/datatransfer/flush`: delivers the DataTransfer outbox now and answers
 * what was delivered (the scheduled job does the same every few minutes).
 *
 * @example
 * // src/api/admin/pickpost/datatransfer/flush/route.ts
 * export { adminFlushRoute as POST } from '@pickpost/medusa';
 */
export async function adminFlushRoute(_req: AdminRouteRequest, res: RouteResponse): Promise<void> {
  const report = await pickPostOf().pickpost.flushDataTransfer();
  json(res, 200, {
    delivered: report.delivered,
    files: report.files.map((file) => ({ file_name: file.fileName, item_count: file.itemCount })),
    recovered: report.recovered.length,
  });
}
