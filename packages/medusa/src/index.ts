/**
 * `@pickpost/medusa`: Swiss Post PickPost and My Post 24 as a Medusa v2 fulfillment module
 * provider and Medusa plugin. The default export is what `medusa-config.ts` resolves as the
 * provider; the plugin's routes and jobs (`.medusa/server/src`, built from `src/api` and
 * `src/jobs`) are thin files over the named exports, which also serve a shop's own routes.
 */
import { ModuleProvider, Modules } from '@medusajs/framework/utils';
import { PickPostFulfillmentProvider } from './provider';

export {
  type AdminRouteRequest,
  adminBulkLabelsRoute,
  adminFlushRoute,
  adminLabelRoute,
} from './admin-routes';
export {
  DATATRANSFER_TICK_CONFIG,
  dataTransferJobConfig,
  dataTransferTickJob,
  flushDataTransferJob,
} from './datatransfer-job';
export {
  dataTransferReportsJobConfig,
  fetchDataTransferReportsJob,
  type OrderMetadataService,
  orderStatusHandler,
  REPORTS_TICK_CONFIG,
  reportsTickJob,
  STATUS_METADATA_KEY,
} from './datatransfer-reports-job';
export { FULFILLMENT_OPTIONS, isPickPostOption } from './fulfillment-options';
export { EVERY_MINUTE, isDue, type JobContext } from './job-schedule';
export { pickPostMiddlewares } from './middlewares';
export {
  type JobOptions,
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
