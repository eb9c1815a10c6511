// The PickPost configuration of `bench woocommerce-sync`, shared by the bench (checkout, naive
// sync) and its worker processes: variant 4b, labels drawn here, DataTransfer files in `dir`.
import type { IntegrationConfigInput } from '@pickpost/core';
import type { MockBaseUrls } from '@pickpost/mock-post-server';
import { DEMO_CLIENT } from '@pickpost/mock-post-server';
import { BENCH_SENDER } from './_harness.ts';

export function wooBenchConfig(options: {
  baseUrls: MockBaseUrls;
  selectionSecret: string;
  dataTransferDir: string;
}): IntegrationConfigInput {
  return {
    variant: '4b',
    frankingLicense: '60013217',
    sender: BENCH_SENDER,
    post: {
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      baseUrls: options.baseUrls,
    },
    selectionSecret: options.selectionSecret,
    dataTransfer: { transport: { type: 'directory', dir: options.dataTransferDir } },
  };
}
