import { beforeEach, expect, it, jest } from '@jest/globals';
import { Modules } from '@medusajs/framework/utils';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { pickPostOf } from '../src';
import { PickPostParcels } from '../src/admin/components/pickpost-parcels';
import type { AdminClient } from '../src/admin/lib/order-parcels';
import { downloadLabel, loadOrderParcels, reprintLabels } from '../src/admin/lib/order-parcels';
import { MEDUSA_ADDRESS } from '../test/medusa-address';
import {
  choosePoint,
  fulfilOrder,
  orderWithPickPost,
  receivedFiles,
  storedMethod,
} from './checkout';
import { scannedLabel, scannedPdf } from './label-scan';
import { startSecondMedusa } from './second-medusa';
import type { Json, TestShop } from './shop';
import { completeCart, createCart, describeShop } from './shop';

jest.setTimeout(180_000);

/** Every shipment that ever entered the shared DataTransfer outbox (waiting, leased or sent). */
async function shipmentsMade(): Promise<number> {
  const counts = await pickPostOf().pickpost.dataTransferCounts();
  return counts.pending + counts.claimed + counts.delivered;
}

describeShop(({ api, getContainer, shop: currentShop }) => {
  let shop: TestShop;
  beforeEach(() => {
    shop = currentShop();
  });

  it('variant 2: point selection, shipping method, order, fulfillment, label, DataTransfer', async () => {
    const cart = await createCart(api, shop, 2);
    const { selection, pointId } = await choosePoint(api, shop, cart.id);
    const { data: listed } = await api.get(
      `/store/shipping-options?cart_id=${cart.id}`,
      shop.store,
    );
    expect(listed.shipping_options.map((o: Json) => o.id)).toContain(shop.optionIds.point);
    const { data: withMethod } = await api.post(
      `/store/carts/${cart.id}/shipping-methods`,
      { option_id: shop.optionIds.point, data: { selection } },
      shop.store,
    );
    // Two locks of 800 g: the 2 kg row of the price table.
    expect(withMethod.cart.shipping_methods[0].amount).toBe(7);
    const method = await storedMethod(getContainer(), cart.id);
    expect(method.data.point.id).toBe(pointId);
    expect(method.data.customer_ref).toBe(`cart:${cart.id}`);

    const order = await completeCart(api, shop, cart.id);
    const fulfillment = await fulfilOrder(api, shop, order);
    const [label] = fulfillment.labels;
    expect(fulfillment.data.identcode).toMatch(/^9960013217\d{8}$/);
    expect(label.tracking_number).toBe(fulfillment.data.identcode);
    expect(label.tracking_url).toContain(fulfillment.data.identcode);
    expect(fulfillment.data.transmission).toBe('datatransfer');
    expect(fulfillment.data.point.id).toBe(pointId);
    // The label_url serves the PDF, and its barcode scans as the identcode.
    expect(await scannedLabel(api, shop, label.label_url)).toEqual([fulfillment.data.identcode]);
    // Without an admin token the label is not served.
    await expect(api.get(label.label_url)).rejects.toMatchObject({ response: { status: 401 } });

    // The plugin's scheduled job, as Medusa registered it from .medusa/server/src/jobs, ticks
    // every minute and delivers on the minutes the options' interval (1440 here) makes due.
    const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE) as Json;
    const tick = (at: string) =>
      engine.run('job-pickpost-datatransfer-tick', { input: { scheduledFor: at } });
    const delivered = () =>
      receivedFiles().some((text) => text.includes(fulfillment.data.identcode));
    // 10:15 would be due on the default interval (15): not on this application's.
    await tick('2026-12-03T10:15:00.000Z');
    expect(delivered()).toBe(false);
    await tick('2026-12-04T00:00:00.000Z');
    expect(delivered()).toBe(true);
    expect((await pickPostOf().pickpost.dataTransferCounts()).pending).toBe(0);
  });

  it('the order page widget: point, PickPost ID, tracking link, label download and reprint', async () => {
    const { order, pointId } = await orderWithPickPost(api, shop);
    const fulfillment = await fulfilOrder(api, shop, order);
    const { identcode } = fulfillment.data;
    // What the widget's code asks Medusa's admin API, over real HTTP, as the dashboard would.
    const client: AdminClient = {
      baseUrl: (api as unknown as { defaults: { baseURL: string } }).defaults.baseURL,
      fetch,
      headers: shop.admin.headers,
    };
    const parcels = await loadOrderParcels(client, order.id);
    expect(parcels).toHaveLength(1);
    const [parcel] = parcels;
    expect(parcel).toMatchObject({
      fulfillmentId: fulfillment.id,
      kind: 'shipment',
      identcode,
      trackingUrl: fulfillment.labels[0].tracking_url,
      transmission: 'datatransfer',
      cancelled: false,
      point: { kind: 'pickpost', name: fulfillment.data.point.name },
      pickpostId: fulfillment.data.pickpost_id,
    });
    expect(fulfillment.data.point.id).toBe(pointId);
    expect(parcel!.pickpostId).toMatch(/\S/);
    const html = renderToStaticMarkup(
      createElement(PickPostParcels, { parcels, onDownload: () => {}, onReprint: () => {} }),
    );
    expect(html).toContain(`PickPost ID: ${parcel!.pickpostId}`);
    expect(html).toContain(`${fulfillment.data.point.zip} ${fulfillment.data.point.city}`);
    expect(html).toContain(`<a href="${parcel!.trackingUrl}"`);
    // Download and reprint give PDFs whose barcode scans as the identcode.
    const label = await downloadLabel(client, parcel!);
    expect(await scannedPdf(new Uint8Array(await label.arrayBuffer()))).toEqual([identcode]);
    const reprint = await reprintLabels(client, [identcode]);
    expect(await scannedPdf(new Uint8Array(await reprint.arrayBuffer()))).toEqual([identcode]);
    // Without the admin's session Medusa refuses, and the widget says so.
    await expect(loadOrderParcels({ ...client, headers: {} }, order.id)).rejects.toThrow(
      'PickPost: Unauthorized',
    );
  });

  it('bulk labels of orders as one PDF, and a DataTransfer flush on demand', async () => {
    const first = await orderWithPickPost(api, shop);
    const second = await orderWithPickPost(api, shop);
    const made = [
      await fulfilOrder(api, shop, first.order),
      await fulfilOrder(api, shop, second.order),
    ];
    const bulk = await api.post(
      '/admin/pickpost/labels',
      { order_ids: [first.order.id, second.order.id], sheet: 'a4', start_position: 2 },
      { ...shop.admin, responseType: 'arraybuffer' },
    );
    expect(bulk.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(bulk.data).subarray(0, 5).toString()).toBe('%PDF-');
    const { data: flushed } = await api.post('/admin/pickpost/datatransfer/flush', {}, shop.admin);
    expect(flushed.delivered).toBeGreaterThanOrEqual(2);
    const files = receivedFiles();
    for (const fulfillment of made) {
      expect(files.filter((text) => text.includes(fulfillment.data.identcode))).toHaveLength(1);
    }
  });

  it('cancelling withdraws the waiting shipment data; fulfilling again makes a new parcel', async () => {
    const { order } = await orderWithPickPost(api, shop);
    const fulfillment = await fulfilOrder(api, shop, order);
    const before = (await pickPostOf().pickpost.dataTransferCounts()).pending;
    await api.post(
      `/admin/orders/${order.id}/fulfillments/${fulfillment.id}/cancel`,
      {},
      shop.admin,
    );
    expect((await pickPostOf().pickpost.dataTransferCounts()).pending).toBe(before - 1);
    const again = await fulfilOrder(api, shop, order);
    expect(again.id).not.toBe(fulfillment.id);
    expect(again.data.identcode).not.toBe(fulfillment.data.identcode);
    expect(again.data.parcel_index).toBe(1);
  });

  it('the same fulfillment created twice gives one label and one item number', async () => {
    const { cart, order } = await orderWithPickPost(api, shop);
    const method = await storedMethod(getContainer(), cart.id);
    const fulfillmentModule = getContainer().resolve(Modules.FULFILLMENT) as Json;
    const input = {
      location_id: shop.locationId,
      provider_id: 'pickpost_pickpost',
      delivery_address: MEDUSA_ADDRESS,
      items: order.items.map((item: Json) => ({
        title: item.title,
        sku: 'LOCK-1',
        barcode: '',
        quantity: item.quantity,
        line_item_id: item.id,
      })),
      labels: [],
      order: { id: order.id, email: order.email, shipping_address: MEDUSA_ADDRESS },
      data: method.data,
    };
    // Medusa answers the record as it was before the provider ran: read it back.
    const made = await Promise.all([
      fulfillmentModule.createFulfillment(input),
      fulfillmentModule.createFulfillment(input),
    ]);
    const [one, two] = await Promise.all(
      made.map((f: Json) => fulfillmentModule.retrieveFulfillment(f.id, { relations: ['labels'] })),
    );
    expect(two.labels[0].tracking_number).toBe(one.labels[0].tracking_number);
    expect(one.id).not.toBe(two.id);
    expect(two.data.identcode).toBe(one.data.identcode);
    const parcel = await pickPostOf().pickpost.findByIdentcode(one.data.identcode);
    expect(parcel?.orderRef).toBe(order.id);
  });

  it('two Medusa processes fulfilling one order at once: one label, one item number', async () => {
    const second = await startSecondMedusa(getContainer());
    try {
      const { order } = await orderWithPickPost(api, shop);
      const before = await shipmentsMade();
      const body = {
        location_id: shop.locationId,
        items: order.items.map((item: Json) => ({ id: item.id, quantity: item.quantity })),
      };
      const path = `/admin/orders/${order.id}/fulfillments`;
      // The same admin request to both servers at once, as a double click behind a load balancer.
      const answers = await Promise.allSettled([
        api.post(path, body, shop.admin),
        fetch(`${second.url}${path}`, {
          method: 'POST',
          headers: { ...shop.admin.headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (response) => {
          if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
        }),
      ]);
      expect(answers.some((answer) => answer.status === 'fulfilled')).toBe(true);
      const { data } = await api.get(
        `/admin/orders/${order.id}?fields=*fulfillments,*fulfillments.labels`,
        shop.admin,
      );
      const live = data.order.fulfillments.filter((f: Json) => f.canceled_at === null);
      const tracked = new Set(
        live.flatMap((f: Json) => f.labels.map((l: Json) => l.tracking_number)),
      );
      expect(tracked.size).toBe(1);
      // One parcel made, whichever server made it: one shipment in the DataTransfer outbox. It
      // stays there although Medusa cancels the losing request's fulfillment as it undoes it
      // (a withdrawn shipment leaves the outbox).
      expect(await shipmentsMade()).toBe(before + 1);
      // The next order, fulfilled by the second server, takes another item number.
      const next = await orderWithPickPost(api, shop);
      const response = await fetch(`${second.url}/admin/orders/${next.order.id}/fulfillments`, {
        method: 'POST',
        headers: { ...shop.admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          location_id: shop.locationId,
          items: next.order.items.map((item: Json) => ({ id: item.id, quantity: item.quantity })),
        }),
      });
      expect(response.status).toBe(200);
      const { data: read } = await api.get(
        `/admin/orders/${next.order.id}?fields=*fulfillments`,
        shop.admin,
      );
      const [made] = read.order.fulfillments;
      expect(tracked.has(made.data.identcode)).toBe(false);
      expect(made.data.identcode).toMatch(/^9960013217\d{8}$/);
    } finally {
      await second.stop();
    }
  });

  it('a return gets a label of its own', async () => {
    const { order } = await orderWithPickPost(api, shop);
    const shipped = await fulfilOrder(api, shop, order);
    const fulfillmentModule = getContainer().resolve(Modules.FULFILLMENT) as Json;
    const created = await fulfillmentModule.createReturnFulfillment({
      location_id: shop.locationId,
      provider_id: 'pickpost_pickpost',
      shipping_option_id: shop.optionIds.return,
      delivery_address: MEDUSA_ADDRESS,
      items: [],
      labels: [],
      metadata: { order_id: order.id },
      data: {},
    });
    const returned = await fulfillmentModule.retrieveFulfillment(created.id, {
      relations: ['labels'],
    });
    expect(returned.labels[0].tracking_number).toBe(returned.data.identcode);
    expect(returned.data.kind).toBe('return');
    expect(returned.data.identcode).not.toBe(shipped.data.identcode);
    expect(await scannedLabel(api, shop, returned.labels[0].label_url)).toEqual([
      returned.data.identcode,
    ]);
  });

  it('a signed-in customer: the PickPost ID and the selection are theirs, across carts', async () => {
    const email = 'hans.muster@example.ch';
    const password = 'hans-muster-password';
    const registered = await api.post('/auth/customer/emailpass/register', { email, password });
    const bearer = (token: string) => ({
      headers: { ...shop.store.headers, authorization: `Bearer ${token}` },
    });
    await api.post(
      '/store/customers',
      { email, first_name: 'Hans', last_name: 'Muster' },
      bearer(registered.data.token),
    );
    const login = await api.post('/auth/customer/emailpass', { email, password });
    const auth = bearer(login.data.token);
    const { data: me } = await api.get('/store/customers/me', auth);
    const [point] = (await api.get('/store/pickpost/points?zip=8001&kinds=pickpost', auth)).data
      .points;
    await api.post('/store/pickpost/customers', { customer: HANS_MUSTER_CUSTOMER }, auth);
    for (const round of [1, 2]) {
      const { data: created } = await api.post(
        '/store/carts',
        {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          shipping_address: MEDUSA_ADDRESS,
          items: [{ variant_id: shop.variantId, quantity: round }],
        },
        auth,
      );
      // The second cart needs no registration: the PickPost ID is remembered for the customer.
      const { data } = await api.post('/store/pickpost/selection', { pointId: point.id }, auth);
      const { customerRef } = pickPostOf().pickpost.checkout.verifySelection(data.selection);
      expect(customerRef).toBe(`customer:${me.customer.id}`);
      await api.post(
        `/store/carts/${created.cart.id}/shipping-methods`,
        { option_id: shop.optionIds.point, data: { selection: data.selection } },
        auth,
      );
      const method = await storedMethod(getContainer(), created.cart.id);
      expect(method.data.customer_ref).toBe(`customer:${me.customer.id}`);
    }
  });
});
