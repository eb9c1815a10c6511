// Just enough of products for orders to have line items: a fixed catalogue, readable over
// `GET /wc/v3/products` and `GET /wc/v3/products/<id>` in a reduced form of the v3 product
// (woocommerce/woocommerce-rest-api-docs: source/includes/wp-api-v3/_products.md).
import type { StoreZone } from './dates';
import { datePair, link } from './format';

export interface ProductRecord {
  id: number;
  name: string;
  slug: string;
  sku: string;
  price: string;
  weight: string;
  dimensions: { length: string; width: string; height: string };
  virtual: boolean;
  downloadable: boolean;
  createdGmt: number;
  modifiedGmt: number;
}

export const slugify = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A product as `GET /wc/v3/products/<id>` shows it, with the fields a shipping integration reads
 * (sku, prices, weight, dimensions, virtual/downloadable) and the rest at WooCommerce's defaults.
 */
export function formatProduct(product: ProductRecord, zone: StoreZone, origin: string) {
  const [dateCreated, dateCreatedGmt] = datePair(zone, product.createdGmt);
  const [dateModified, dateModifiedGmt] = datePair(zone, product.modifiedGmt);
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    permalink: `${origin}/product/${product.slug}/`,
    date_created: dateCreated,
    date_created_gmt: dateCreatedGmt,
    date_modified: dateModified,
    date_modified_gmt: dateModifiedGmt,
    type: 'simple',
    status: 'publish',
    featured: false,
    catalog_visibility: 'visible',
    description: '',
    short_description: '',
    sku: product.sku,
    price: product.price,
    regular_price: product.price,
    sale_price: '',
    on_sale: false,
    purchasable: true,
    total_sales: 0,
    virtual: product.virtual,
    downloadable: product.downloadable,
    tax_status: 'taxable',
    tax_class: '',
    manage_stock: false,
    stock_quantity: null,
    stock_status: 'instock',
    weight: product.weight,
    dimensions: product.dimensions,
    shipping_required: !product.virtual,
    shipping_class: '',
    categories: [],
    tags: [],
    images: [],
    attributes: [],
    variations: [],
    meta_data: [],
    _links: {
      self: link(`${origin}/wp-json/wc/v3/products/${product.id}`),
      collection: link(`${origin}/wp-json/wc/v3/products`),
    },
  };
}
