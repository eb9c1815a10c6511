import type { DataTransferOutbox, FlushReport } from '../datatransfer/outbox';
import { createDataTransferOutbox } from '../datatransfer/outbox';
import { createDataTransferReports } from '../datatransfer/reports/fetch-reports';
import { reportFetcherOptions } from '../datatransfer/reports/report-wiring';
import type { DataTransferTransport } from '../datatransfer/transport';
import { ConfigError } from '../errors/index';
import { systemClock } from '../ports/clock';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import { createPostClient } from '../post/post-client';
import type { IntegrationConfig, IntegrationConfigInput } from '../schemas/integration-config';
import { LabelOptionsSchema } from '../schemas/label-options';
import { parseIntegrationConfig } from '../schemas/validate';
import type { VariantPlan } from '../schemas/variants';
import { VARIANT_PLANS } from '../schemas/variants';
import { createBulkLabels } from './bulk-labels';
import { createCancel } from './cancel';
import { createCheckout, notInVariant } from './checkout';
import { createFulfilment } from './fulfilment';
import { createGroupCommitter } from './group-commit';
import { createOperationRunner } from './idempotency';
import { registerInstanceKeys } from './instance-keys';
import { inOrder } from './many';
import { createParcelMaker } from './parcels';
import type { PickPost, PickPostDependencies } from './pickpost';
import { trackingUrlFrom } from './tracking';
import {
  checkLocalLabels,
  dataTransferTransport,
  itemNumberAllocator,
  postClientOptions,
} from './wiring';

/**
 * The one entry point of the SDK: a shop's PickPost integration in the Swiss Post variant its
 * configuration names. Which Swiss Post services run is decided by `config.variant` alone:
 *
 * | variant | customer number | label | shipment data |
 * |---|---|---|---|
 * | 1 | PickPost web service | Barcode web service | by the Barcode web service |
 * | 2 | PickPost web service | self-generated | DataTransfer |
 * | 3 | PickPost web service | self-generated | none |
 * | 4a | none | Barcode web service | by the Barcode web service |
 * | 4b | none | self-generated | DataTransfer |
 *
 * Every operation is idempotent on the shop's references: repeating `fulfil` for an order and
 * parcel, also concurrently or after a crash, returns the same identcode and label. The
 * instance keeps no secret of the configuration on its surface.
 *
 * @example
 * const pickpost = createPickPost(config, { store: createSqliteStateStore({ filename: 'pickpost.db' }) });
 * const points = await pickpost.checkout.findPoints({ zip: '8001' });
 * const { selection } = await pickpost.checkout.selectPoint({ pointId: points[0].id, pickpostId, customerRef: 'c-17' });
 * const { identcode, label, trackingUrl } = await pickpost.fulfil({ orderRef: '1042', selection, customerRef: 'c-17', recipient, parcel: { weightGrams: 1200 } });
 */
export function createPickPost(
  configInput: IntegrationConfigInput,
  dependencies: PickPostDependencies,
): PickPost {
  const config = parseIntegrationConfig(configInput);
  if (dependencies?.store === undefined) {
    throw new ConfigError([
      {
        path: 'store',
        message: 'is required: a durable StateStore such as @pickpost/store-sqlite',
        code: 'required',
      },
    ]);
  }
  const { store } = dependencies;
  const plan = VARIANT_PLANS[config.variant];
  const clock = dependencies.clock ?? systemClock;
  const secrets = [config.selectionSecret, config.post?.clientSecret].filter(
    (value): value is string => value !== undefined,
  );
  const logger = createRedactingLogger(dependencies.logger ?? silentLogger, secrets);
  const labels = LabelOptionsSchema.parse(config.labels ?? {});
  checkLocalLabels(plan, config, labels);
  const sender = config.sender;
  const post =
    dependencies.post ?? createPostClient({ ...postClientOptions(config), logger, clock });
  const usesDataTransfer = plan.shipmentData === 'datatransfer' || config.fallback !== undefined;
  const outbox = usesDataTransfer
    ? createDataTransferOutbox({
        store,
        frankingLicense: config.frankingLicense,
        sender,
        ...(config.dataTransfer?.file === undefined ? {} : { file: config.dataTransfer.file }),
        clock,
        logger,
      })
    : undefined;
  const transport = dependencies.transport ?? dataTransferTransport(config);
  const runner = createOperationRunner({
    store,
    clock,
    ...(dependencies.operationLeaseMs === undefined
      ? {}
      : { leaseMs: dependencies.operationLeaseMs }),
  });
  const parcels = createParcelMaker({
    committer: createGroupCommitter(store),
    config,
    plan,
    labels,
    store,
    allocator: itemNumberAllocator(config, store, clock),
    outbox,
    runner,
    clock,
    logger,
  });
  const fulfilment = createFulfilment({
    config,
    plan,
    labels,
    sender,
    returnAddress: config.returns?.address ?? sender,
    post,
    parcels,
    clock,
  });

  const pickpost: PickPost = {
    variant: config.variant,
    plan,
    labelOptions: labels,
    checkout: createCheckout({
      config,
      plan,
      post,
      store,
      runner,
      clock,
      pointsCacheTtlMs: dependencies.pointsCacheTtlMs,
    }),
    // One implementation behind both overloads: it leaves the label out exactly when the
    // first overload says (`label: false`, or an own identcode without `label: true`).
    fulfil: fulfilment.fulfil as PickPost['fulfil'],
    fulfilMany: (orders, options = {}) =>
      inOrder(orders, options.concurrency ?? 16, fulfilment.fulfil),
    createReturn: fulfilment.createReturn,
    cancel: createCancel({ store, runner, outbox, clock }),
    findByIdentcode: parcels.findByIdentcode,
    bulkLabels: createBulkLabels({ parcels, labels }),

    flushDataTransfer: dataTransferFlush({ config, plan, outbox, transport }),

    async dataTransferCounts() {
      if (outbox === undefined) return { pending: 0, claimed: 0, delivered: 0 };
      return outbox.counts();
    },

    datatransfer: createDataTransferReports({
      ...reportFetcherOptions(config, { store, clock, logger, source: dependencies.reportSource }),
      lookup: async (identcode) => {
        const parcel = await parcels.findByIdentcode(identcode);
        return parcel === undefined
          ? undefined
          : { orderRef: parcel.orderRef, parcelIndex: parcel.parcelIndex };
      },
    }),

    trackingUrl: (identcode, lang) =>
      trackingUrlFrom(config.trackingUrlTemplate, identcode, lang ?? config.language),
  };
  registerInstanceKeys(pickpost, config.selectionSecret);
  return pickpost;
}

/** `flushDataTransfer`: the outbox delivered by the configured transport, where there is one. */
function dataTransferFlush(deps: {
  config: IntegrationConfig;
  plan: VariantPlan;
  outbox: DataTransferOutbox | undefined;
  transport: DataTransferTransport | undefined;
}): PickPost['flushDataTransfer'] {
  const { config, plan, outbox, transport } = deps;
  return async (options = {}): Promise<FlushReport> => {
    if (outbox === undefined) {
      throw notInVariant(
        config.variant,
        'DataTransfer',
        plan.shipmentData === 'none'
          ? 'it sends no shipment data to Swiss Post'
          : 'the Barcode web service sends the shipment data',
      );
    }
    if (transport === undefined) {
      throw new ConfigError([
        {
          path: 'dataTransfer.transport',
          message: 'is required to deliver DataTransfer files',
          code: 'required',
        },
      ]);
    }
    return outbox.flush({
      transport,
      maxPerFile: options.maxPerFile ?? config.dataTransfer?.maxPerFile ?? 10_000,
    });
  };
}
