import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PickPostParcels } from '../src/admin/components/pickpost-parcels';
import { parcelsOfOrder, printedIdentcode } from '../src/admin/lib/order-parcels';

/** An order as Medusa's admin API answers `?fields=*fulfillments,*fulfillments.labels`. */
const ORDER = {
  id: 'order_1',
  fulfillments: [
    {
      id: 'ful_1',
      canceled_at: null,
      data: {
        identcode: '996001321700005959',
        tracking_url: 'https://service.post.ch/ekp-web/ui/entry/search/996001321700005959',
        transmission: 'datatransfer',
        kind: 'shipment',
        pickpost_id: 'PT011227',
        point: {
          id: '8001-T1-0b',
          kind: 'pickpost',
          name: 'PickPost-Stelle Zürich Poststrasse',
          street: 'Poststrasse',
          house_no: '15',
          zip: '8001',
          city: 'Zürich',
        },
      },
      labels: [
        {
          tracking_number: '996001321700005959',
          tracking_url: 'https://service.post.ch/ekp-web/ui/entry/search/996001321700005959',
          label_url: '/admin/pickpost/labels/996001321700005959',
        },
      ],
    },
    // Another provider's fulfillment (no identcode in its data): not a PickPost parcel.
    { id: 'ful_manual', canceled_at: null, data: {}, labels: [] },
    {
      id: 'ful_2',
      canceled_at: '2026-12-01T10:00:00.000Z',
      data: { identcode: '996001321700005960', kind: 'shipment', transmission: 'datatransfer' },
      labels: [],
    },
  ],
};

const render = (props: Parameters<typeof PickPostParcels>[0]) =>
  renderToStaticMarkup(createElement(PickPostParcels, props));
const noop = () => undefined;

describe('the order page widget', () => {
  it('reads the PickPost parcels out of the fulfillments, skipping other providers', () => {
    const parcels = parcelsOfOrder(ORDER);
    expect(parcels.map((parcel) => parcel.fulfillmentId)).toEqual(['ful_1', 'ful_2']);
    expect(parcels[0]).toMatchObject({
      printedIdentcode: '99.60.013217.00005959',
      pickpostId: 'PT011227',
      labelUrl: '/admin/pickpost/labels/996001321700005959',
      point: { street: 'Poststrasse 15', zip: '8001', city: 'Zürich' },
      cancelled: false,
    });
    // Without a label row the label route is still known; a cancelled parcel says so.
    expect(parcels[1]).toMatchObject({
      labelUrl: '/admin/pickpost/labels/996001321700005960',
      cancelled: true,
    });
    expect(parcelsOfOrder({ id: 'order_2' })).toEqual([]);
    expect(printedIdentcode('not-an-identcode')).toBe('not-an-identcode');
  });

  it('shows the point, the PickPost ID, the identcode as a tracking link, and both buttons', () => {
    const html = render({ parcels: parcelsOfOrder(ORDER), onDownload: noop, onReprint: noop });
    expect(html).toContain(
      'PickPost: PickPost-Stelle Zürich Poststrasse, Poststrasse 15, 8001 Zürich',
    );
    expect(html).toContain('PickPost ID: PT011227');
    expect(html).toMatch(
      /<a href="https:\/\/service\.post\.ch\/ekp-web\/ui\/entry\/search\/996001321700005959"[^>]*>99\.60\.013217\.00005959<\/a>/,
    );
    expect(html.match(/Download label/g)).toHaveLength(2);
    expect(html.match(/Reprint/g)).toHaveLength(2);
    expect(html).toContain('Cancelled');
  });

  it('says when it is loading, when there is no parcel, and what failed', () => {
    expect(render({ parcels: undefined, onDownload: noop, onReprint: noop })).toContain('Loading');
    expect(render({ parcels: [], onDownload: noop, onReprint: noop })).toContain(
      'No PickPost parcel for this order yet.',
    );
    const failed = render({
      parcels: [],
      error: 'PickPost: Medusa answered 401',
      onDownload: noop,
      onReprint: noop,
    });
    expect(failed).toMatch(/role="alert"[^>]*>PickPost: Medusa answered 401</);
  });
});
