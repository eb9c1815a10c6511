/**
 * `@pickpost/medusa`: Swiss Post PickPost and My Post 24 as a Medusa v2 fulfillment module
 * provider. The default export is what `medusa-config.ts` resolves; the named exports serve the
 * shop's own routes, jobs and tests.
 */
import { ModuleProvider, Modules } from '@medusajs/framework/utils';
import { PickPostFulfillmentProvider } from './provider';

export {
  type AdminRouteRequest,
  adminBulkLabelsRoute,
  adminFlushRoute,
  adminLabelRoute,
} from './admin-routes';
export { dataTransferJobConfig, flushDataTransferJob } from './datatransfer-job';
export {
  dataTransferReportsJobConfig,
  fetchDataTransferReportsJob,
  type OrderMetadataService,
  orderStatusHandler,
  STATUS_METADATA_KEY,
} from './datatransfer-reports-job';
export { FULFILLMENT_OPTIONS, isPickPostOption } from './fulfillment-options';
export { pickPostMiddlewares } from './middlewares';
export {
  type MedusaExtras,
  type ParsedOptions,
  type PickPostProviderOptions,
  type PriceRow,
  parseProviderOptions,
  type StoreOption,
} from './options';
export {
  adminBarcodeRoute,
  type OwnDocumentsRequest,
  type StoredBarcode,
} from './own-documents';
export {
  type PickPostFulfillmentData,
  PickPostFulfillmentProvider,
  type ProviderDependencies,
} from './provider';
export { pickPostOf, type RegisteredPickPost } from './registry';
export { customerRefsOf, type PickPostMethodData } from './selection-data';
export {
  CART_HEADER,
  createStoreRoute,
  customerRefOf,
  type RouteRequest,
  type RouteResponse,
  STORE_BASE_PATH,
} from './store-routes';

/** The Medusa module provider of the PickPost fulfillment provider, as `medusa-config.ts` resolves it. */
// biome-ignore lint/style/noDefaultExport: Medusa's module loader imports the provider module's default export.
export default ModuleProvider(Modules.FULFILLMENT, { services: [PickPostFulfillmentProvider] });
