// `/wc/v3/orders/<order_id>/notes` (woocommerce/woocommerce: plugins/woocommerce/includes/
// rest-api/Controllers/Version1/class-wc-rest-order-notes-v1-controller.php, Version2/
// class-wc-rest-order-notes-v2-controller.php get_items with `type`, Version3/
// class-wc-rest-order-notes-controller.php create_item with `added_by_user`, `author`).
import { WpError } from '../errors';
import { formatNote, SYSTEM_AUTHOR } from '../orders/order-notes';
import { CONTEXT_ARG, FORCE_ARG } from './order-args';
import type { Route, RouteContext } from './route';
import { route } from './route';

const invalidOrder = () =>
  new WpError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);
const invalidNote = () => new WpError('woocommerce_rest_invalid_id', 'Invalid resource ID.', 404);

function orderOf(context: RouteContext) {
  return context.shop.orders.get(Number(context.url.order_id));
}

function noteOf(context: RouteContext) {
  if (orderOf(context) === undefined) throw invalidOrder();
  const note = context.shop.notes.get(Number(context.url.id));
  if (note === undefined || note.orderId !== Number(context.url.order_id)) throw invalidNote();
  return note;
}

const json = (context: RouteContext, note: Parameters<typeof formatNote>[0]) =>
  formatNote(note, context.shop.settings.zone, context.origin);

/** The routes of order notes. */
export function orderNoteRoutes(): Route[] {
  return [
    route('order-notes', '/wc/v3/orders/(?P<order_id>[\\d]+)/notes', {
      GET: {
        permission: 'list',
        args: {
          context: CONTEXT_ARG,
          type: { type: 'string', enum: ['any', 'customer', 'internal'], default: 'any' },
        },
        run(context) {
          // Listing names the order with the order controller's code, unlike the other note routes.
          if (orderOf(context) === undefined) {
            throw new WpError('woocommerce_rest_shop_order_invalid_id', 'Invalid order ID.', 404);
          }
          const type = context.params.type;
          const notes = context.shop.notes
            .forOrder(Number(context.url.order_id))
            .filter((note) => type === 'any' || note.customerNote === (type === 'customer'));
          // Not paginated: every note, no X-WP-Total.
          return { status: 200, body: notes.map((note) => json(context, note)) };
        },
      },
      POST: {
        permission: 'create',
        args: {
          note: { type: 'string', required: true },
          customer_note: { type: 'boolean', default: false },
          added_by_user: { type: 'boolean', default: false },
        },
        run(context) {
          const { params } = context;
          if (
            params.id !== undefined &&
            params.id !== null &&
            params.id !== 0 &&
            params.id !== ''
          ) {
            throw new WpError(
              'woocommerce_rest_shop_order_exists',
              'Cannot create existing shop_order.',
              400,
            );
          }
          const order = orderOf(context);
          if (order === undefined) throw invalidOrder();
          const note = context.shop.addNote(order.id, {
            content: String(params.note),
            customerNote: params.customer_note === true,
            // add_order_note attributes the note to the user only when asked to.
            author:
              params.added_by_user === true && context.user
                ? context.user.displayName
                : SYSTEM_AUTHOR,
          });
          return {
            status: 201,
            headers: {
              Location: `${context.origin}/wp-json/wc/v3/orders/${order.id}/notes/${note.id}`,
            },
            body: json(context, note),
          };
        },
      },
    }),
    route('order-notes', '/wc/v3/orders/(?P<order_id>[\\d]+)/notes/(?P<id>[\\d]+)', {
      GET: {
        permission: 'view',
        args: { context: CONTEXT_ARG },
        run: (context) => ({ status: 200, body: json(context, noteOf(context)) }),
      },
      DELETE: {
        permission: 'delete',
        args: FORCE_ARG,
        run(context) {
          if (context.params.force !== true) {
            // Sic: the order notes controller borrowed the webhooks controller's message.
            throw new WpError(
              'woocommerce_rest_trash_not_supported',
              'Webhooks do not support trashing.',
              501,
            );
          }
          const note = noteOf(context);
          const body = json(context, note);
          context.shop.notes.delete(note.id);
          return { status: 200, body };
        },
      },
    }),
  ];
}
