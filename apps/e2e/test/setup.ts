import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntegrationConfigInput, PickPost, StateStore, Variant } from '@pickpost/core';
import { createMemoryStateStore, createPickPost } from '@pickpost/core';
import { createPostClient } from '@pickpost/core/post';
import type { MockPostServer, MockPostServerOptions } from '@pickpost/mock-post-server';
import { createMockPostServer, DEMO_CLIENT } from '@pickpost/mock-post-server';
import { HANS_MUSTER_CUSTOMER, VELO_SHOP } from '@pickpost/test-utils/fixtures';

export const SELECTION_SECRET = 'e2e-selection-secret-0123456789abcdef';

export const SFTP_ACCOUNT = {
  username: 'shop',
  password: 'sftp-password-1',
  frankingLicenses: ['60013217'],
};

export interface Shop {
  post: MockPostServer;
  pickpost: PickPost;
  store: StateStore;
  dir: string;
  close(): Promise<void>;
}

/** A shop on variant `variant` against a fresh mock Post server, with fast retries. */
export async function openShop(
  variant: Variant,
  options: {
    config?: Partial<IntegrationConfigInput>;
    mock?: MockPostServerOptions;
    store?: StateStore;
  } = {},
): Promise<Shop> {
  const usesDataTransfer =
    variant === 2 || variant === '4b' || options.config?.fallback !== undefined;
  const post = await createMockPostServer({
    ...options.mock,
    ...(usesDataTransfer ? { sftp: { accounts: [SFTP_ACCOUNT] } } : {}),
  });
  const dir = await mkdtemp(join(tmpdir(), `pickpost-e2e-${variant}-`));
  const store = options.store ?? createMemoryStateStore();
  const sftp = post.sftp;
  const transport =
    sftp === undefined
      ? undefined
      : {
          type: 'sftp' as const,
          host: sftp.host,
          port: sftp.port,
          username: SFTP_ACCOUNT.username,
          password: SFTP_ACCOUNT.password,
          hostKeySha256: sftp.hostKeySha256,
        };
  const config: IntegrationConfigInput = {
    variant,
    frankingLicense: DEMO_CLIENT.frankingLicenses[0] ?? '60013217',
    sender: VELO_SHOP,
    selectionSecret: SELECTION_SECRET,
    ...(variant === '4b'
      ? {}
      : {
          post: {
            clientId: DEMO_CLIENT.clientId,
            clientSecret: DEMO_CLIENT.clientSecret,
            baseUrls: post.baseUrls,
          },
        }),
    ...(transport === undefined ? {} : { dataTransfer: { transport } }),
    ...options.config,
  };
  const pickpost = createPickPost(config, {
    store,
    post: createPostClient({
      ...(variant === '4b'
        ? {}
        : { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret }),
      baseUrls: post.baseUrls,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxTotalMs: 3_000 },
      timeoutMs: 2_000,
    }),
  });
  return {
    post,
    pickpost,
    store,
    dir,
    async close() {
      await post.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The checkout of one customer: find a point near 8001, (register,) select it. */
export async function checkoutAt(
  shop: Shop,
  options: { customerRef?: string; kind?: 'pickpost' | 'mypost24' } = {},
) {
  const customerRef = options.customerRef ?? 'customer-17';
  const points = await shop.pickpost.checkout.findPoints({
    zip: '8001',
    kinds: [options.kind ?? 'pickpost'],
  });
  const point = points[0];
  if (point === undefined) throw new Error('no point found');
  const needsId = shop.pickpost.plan.pickpostWebService;
  const customer = needsId
    ? await shop.pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef })
    : undefined;
  const selected = await shop.pickpost.checkout.selectPoint({
    pointId: point.id,
    customerRef,
    ...(customer === undefined ? {} : { pickpostId: customer.pickpostId }),
  });
  return { customer, customerRef, ...selected };
}
