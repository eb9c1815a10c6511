import { mapBundlePath } from '@pickpost/checkout-widget/bundle';
import type { PickPost, SelectionPayload } from '@pickpost/core';
import { isPickPostError } from '@pickpost/core';
import { createPickPostMiddleware, pickPostErrorHandler } from '@pickpost/express';
import type { Express } from 'express';
import express from 'express';
import { checkoutPage, confirmationPage, refusedPage } from './pages';

/** An order the shop accepted, with the verified pick-up point selection. */
export interface PlacedOrder {
  orderRef: string;
  shippingMethod: 'pickpost' | 'home';
  customer: { firstName: string; lastName: string; email: string };
  selection?: SelectionPayload;
}

export interface ExampleShop {
  app: Express;
  /** Orders placed through the checkout, newest last (tests read them). */
  orders: PlacedOrder[];
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * A small Express shop with one checkout page: a customer form, the choice of home delivery or
 * a PickPost point, and the `<pickpost-point-picker>` widget inside the plain HTML form. Placing
 * an order verifies the signed selection on the server: the browser cannot choose another
 * point, PickPost ID or customer than the one the checkout signed.
 */
export function createExampleShop(options: {
  pickpost: PickPost;
  /** The widget bundle to serve; by default the built one of @pickpost/checkout-widget. */
  widgetScript?: string;
  adminToken?: string;
}): ExampleShop {
  const { pickpost } = options;
  const orders: PlacedOrder[] = [];
  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/pickpost',
    createPickPostMiddleware({
      pickpost,
      basePath: '/pickpost',
      ...(options.widgetScript === undefined ? {} : { widgetScript: options.widgetScript }),
      ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
    }),
  );
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  // The optional map view: fetched by the browser only when a shopper opens the map.
  app.get('/pickpost-map.js', (_req, res) => {
    res.type('text/javascript').sendFile(mapBundlePath);
  });

  app.get('/', (_req, res) => {
    res.type('html').send(checkoutPage({ variant: pickpost.variant }));
  });

  app.post('/checkout', (req, res) => {
    const shippingMethod = req.body?.shipping_method === 'pickpost' ? 'pickpost' : 'home';
    const order: PlacedOrder = {
      orderRef: `EX-${orders.length + 1001}`,
      shippingMethod,
      customer: {
        firstName: text(req.body?.first_name),
        lastName: text(req.body?.last_name),
        email: text(req.body?.email),
      },
    };
    if (shippingMethod === 'pickpost') {
      try {
        order.selection = pickpost.checkout.verifySelection(text(req.body?.pickpost_selection));
      } catch (error) {
        const reason = isPickPostError(error)
          ? error.message
          : 'The pick-up point selection is missing';
        res
          .status(422)
          .type('html')
          .send(
            refusedPage(
              text(req.body?.pickpost_selection) === ''
                ? 'Choose a PickPost point or My Post 24 terminal first.'
                : reason,
            ),
          );
        return;
      }
    }
    orders.push(order);
    res.type('html').send(confirmationPage(order));
  });

  app.use(pickPostErrorHandler());
  return { app, orders };
}
