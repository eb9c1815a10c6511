import { directoryTransport } from '../datatransfer/directory-transport';
import { sftpLoginOf } from '../datatransfer/sftp-connect';
import { sftpTransport } from '../datatransfer/sftp-transport';
import type { DataTransferTransport } from '../datatransfer/transport';
import { ConfigError } from '../errors/index';
import type { ItemNumberAllocator } from '../identcode/item-number-allocator';
import { createItemNumberAllocator } from '../identcode/item-number-allocator';
import { isLabelRenderError } from '../labels/label-render-error';
import { assertRenderable } from '../labels/render';
import type { Clock } from '../ports/clock';
import type { StateStore } from '../ports/state-store';
import type { PostClientOptions } from '../post/post-client';
import type { IntegrationConfig } from '../schemas/integration-config';
import type { LabelOptions } from '../schemas/label-options';
import type { VariantPlan } from '../schemas/variants';

/**
 * What a configuration turns into, made in one place so that `createPickPost`, the CLI and the
 * adapters build the same transport, Post client and allocator from the same settings.
 */

/**
 * The DataTransfer transport a configuration names, if any.
 *
 * @example
 * const transport = dataTransferTransport(config); // undefined in variants 1, 3 and 4a
 */
export function dataTransferTransport(
  config: IntegrationConfig,
): DataTransferTransport | undefined {
  const transport = config.dataTransfer?.transport;
  if (transport === undefined) return undefined;
  if (transport.type === 'directory') return directoryTransport({ dir: transport.dir });
  return sftpTransport({
    ...sftpLoginOf(transport),
    port: transport.port,
    remoteDir: transport.remoteDir,
    hostKeySha256: transport.hostKeySha256,
    timeoutMs: transport.timeoutMs,
  });
}

/**
 * The item-number allocator a configuration uses: its licence, range and reuse window. Anything
 * that takes item numbers for this shop (the SDK's parcels, `pickpost doctor --specimen`) must
 * take them from here, so no number is handed out twice.
 *
 * @example
 * const itemNumber = await itemNumberAllocator(config, store).next();
 */
export function itemNumberAllocator(
  config: IntegrationConfig,
  store: StateStore,
  clock?: Clock,
): ItemNumberAllocator {
  return createItemNumberAllocator({
    store,
    frankingLicense: config.frankingLicense,
    ...(config.itemNumbers === undefined
      ? {}
      : {
          range: { from: config.itemNumbers.from, to: config.itemNumbers.to },
          reuseAfterDays: config.itemNumbers.reuseAfterDays,
        }),
    ...(clock === undefined ? {} : { clock }),
  });
}

/**
 * The Swiss Post client settings of a configuration (no credentials in variant 4b).
 *
 * @example
 * const post = createPostClient(postClientOptions(config));
 */
export function postClientOptions(config: IntegrationConfig): PostClientOptions {
  if (config.post === undefined) return {};
  return {
    ...(config.post.clientId === undefined ? {} : { clientId: config.post.clientId }),
    ...(config.post.clientSecret === undefined ? {} : { clientSecret: config.post.clientSecret }),
    ...(config.post.subscriptionKey === undefined
      ? {}
      : { subscriptionKey: config.post.subscriptionKey }),
    ...(config.post.baseUrls === undefined ? {} : { baseUrls: config.post.baseUrls }),
    ...(config.post.scopes === undefined ? {} : { scopes: config.post.scopes }),
    timeoutMs: config.post.timeoutMs,
    ...(config.post.retry === undefined ? {} : { retry: config.post.retry }),
  };
}

/**
 * Label options the local renderer can honour, checked when the instance is made: the renderer's
 * own check, reported as a configuration error on `labels.*`.
 */
export function checkLocalLabels(
  plan: VariantPlan,
  config: IntegrationConfig,
  labels: LabelOptions,
): void {
  const rendersLocally = plan.barcode === 'self-generated' || config.fallback !== undefined;
  if (!rendersLocally) return;
  try {
    assertRenderable(labels);
  } catch (error) {
    if (!isLabelRenderError(error)) throw error;
    throw new ConfigError(
      [{ path: `labels.${error.field}`, message: error.detail, code: error.reason }],
      { cause: error },
    );
  }
}
