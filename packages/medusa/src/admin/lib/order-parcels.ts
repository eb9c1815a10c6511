/**
 * What the admin widget shows of an order, and how it gets it: the PickPost parcels of the
 * order's fulfillments (read from `fulfillment.data` and its labels), the label PDF and a
 * reprint. Browser code without React, so that it is tested against a real Medusa.
 */

/** One PickPost parcel of an order, as the widget shows it. */
export interface ParcelView {
  fulfillmentId: string;
  kind: 'shipment' | 'return';
  identcode: string;
  /** The identcode as printed under the barcode: `99.60.013217.00005959`. */
  printedIdentcode: string;
  trackingUrl: string;
  labelUrl: string;
  /** The pick-up point the shopper chose (shipments). */
  point?: { kind: string; name: string; street: string; zip: string; city: string };
  pickpostId?: string;
  transmission: string;
  cancelled: boolean;
}

/** How the widget reaches Medusa: the backend's base URL and a `fetch` (the browser's). */
export interface AdminClient {
  baseUrl: string;
  fetch: typeof fetch;
  /** Extra headers (the dashboard uses its session cookie; scripts and tests a bearer token). */
  headers?: Record<string, string>;
}

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose =>
  typeof value === 'object' && value !== null ? (value as Loose) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `996001321700005959` → `99.60.013217.00005959`; anything else unchanged. */
export function printedIdentcode(identcode: string): string {
  const parts = /^(\d{2})(\d{2})(\d{6})(\d{8})$/.exec(identcode);
  return parts === null ? identcode : parts.slice(1).join('.');
}

/** The PickPost parcels among an order's fulfillments (`*fulfillments,*fulfillments.labels`). */
export function parcelsOfOrder(order: unknown): ParcelView[] {
  const fulfillments = record(order).fulfillments;
  if (!Array.isArray(fulfillments)) return [];
  const parcels: ParcelView[] = [];
  for (const fulfillment of fulfillments.map(record)) {
    const data = record(fulfillment.data);
    const identcode = text(data.identcode);
    if (identcode === '') continue;
    const labels = Array.isArray(fulfillment.labels) ? fulfillment.labels.map(record) : [];
    const label = labels.find((row) => row.tracking_number === identcode) ?? {};
    const point = record(data.point);
    parcels.push({
      fulfillmentId: text(fulfillment.id),
      kind: data.kind === 'return' ? 'return' : 'shipment',
      identcode,
      printedIdentcode: printedIdentcode(identcode),
      trackingUrl: text(label.tracking_url) || text(data.tracking_url),
      labelUrl: text(label.label_url) || `/admin/pickpost/labels/${identcode}`,
      ...(text(point.id) === ''
        ? {}
        : {
            point: {
              kind: text(point.kind),
              name: text(point.name),
              street: [text(point.street), text(point.house_no)].filter(Boolean).join(' '),
              zip: text(point.zip),
              city: text(point.city),
            },
          }),
      ...(text(data.pickpost_id) === '' ? {} : { pickpostId: text(data.pickpost_id) }),
      transmission: text(data.transmission),
      cancelled: fulfillment.canceled_at !== null && fulfillment.canceled_at !== undefined,
    });
  }
  return parcels;
}

async function call(client: AdminClient, path: string, init: RequestInit = {}): Promise<Response> {
  const url = /^https?:\/\//.test(path) ? path : `${client.baseUrl.replace(/\/$/, '')}${path}`;
  const response = await client.fetch(url, {
    ...init,
    credentials: 'include',
    headers: { ...client.headers, ...(init.headers as Record<string, string> | undefined) },
  });
  if (!response.ok) {
    const body = record(await response.json().catch(() => ({})));
    throw new Error(`PickPost: ${text(body.message) || `Medusa answered ${response.status}`}`);
  }
  return response;
}

/** The order's PickPost parcels, read from Medusa's admin API. */
export async function loadOrderParcels(client: AdminClient, orderId: string) {
  const fields = 'id,*fulfillments,*fulfillments.labels';
  const response = await call(
    client,
    `/admin/orders/${encodeURIComponent(orderId)}?fields=${encodeURIComponent(fields)}`,
  );
  return parcelsOfOrder(record(await response.json()).order);
}

/** The parcel's label as it was made (its `label_url`). */
export async function downloadLabel(client: AdminClient, parcel: ParcelView): Promise<Blob> {
  return (await call(client, parcel.labelUrl)).blob();
}

/** A reprint: the labels again, as one PDF from the bulk labels route. */
export async function reprintLabels(client: AdminClient, identcodes: string[]): Promise<Blob> {
  const response = await call(client, '/admin/pickpost/labels', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identcodes }),
  });
  return response.blob();
}
