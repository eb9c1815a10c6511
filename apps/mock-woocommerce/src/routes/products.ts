import { WpError } from '../errors';
import { formatProduct } from '../products';
import { CONTEXT_ARG, PAGING_ARGS } from './order-args';
import type { Route, RouteContext } from './route';
import { paginationHeaders, route } from './route';

const json = (context: RouteContext, id: number) => {
  const product = context.shop.products.get(id);
  if (product === undefined)
    throw new WpError('woocommerce_rest_product_invalid_id', 'Invalid ID.', 404);
  return formatProduct(product, context.shop.settings.zone, context.origin);
};

/** `GET /wc/v3/products` and `GET /wc/v3/products/<id>`, read-only. */
export function productRoutes(): Route[] {
  return [
    route('products', '/wc/v3/products', {
      GET: {
        permission: 'list',
        args: { ...PAGING_ARGS, sku: { type: 'string' } },
        run(context) {
          const { params } = context;
          const include = params.include as number[];
          const exclude = new Set(params.exclude as number[]);
          const search = typeof params.search === 'string' ? params.search.toLowerCase() : '';
          const found = [...context.shop.products.values()]
            .filter(
              (product) =>
                (include.length === 0 || include.includes(product.id)) &&
                !exclude.has(product.id) &&
                product.name.toLowerCase().includes(search) &&
                (typeof params.sku !== 'string' || params.sku.split(',').includes(product.sku)),
            )
            .sort((a, b) => (params.order === 'asc' ? a.id - b.id : b.id - a.id));
          const perPage = params.per_page as number;
          const page = params.page as number;
          const start =
            params.offset === undefined ? (page - 1) * perPage : Math.abs(params.offset as number);
          return {
            status: 200,
            headers: paginationHeaders(
              `${context.origin}/wp-json/wc/v3/products`,
              context.query,
              page,
              found.length,
              Math.ceil(found.length / perPage),
            ),
            body: found.slice(start, start + perPage).map((product) => json(context, product.id)),
          };
        },
      },
    }),
    route('products', '/wc/v3/products/(?P<id>[\\d]+)', {
      GET: {
        permission: 'view',
        args: { context: CONTEXT_ARG },
        run: (context) => ({ status: 200, body: json(context, Number(context.url.id)) }),
      },
    }),
  ];
}
