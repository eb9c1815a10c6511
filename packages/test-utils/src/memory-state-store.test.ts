import { createMemoryStateStore } from '@pickpost/core';
import { describeDataTransferReportsContract } from './datatransfer-reports-contract';
import { describeItemNumberAllocatorContract } from './item-number-allocator-contract';
import { describeStateStoreContract } from './state-store-contract';

describeStateStoreContract('memory', {
  create: async ({ clock }) => createMemoryStateStore({ clock }),
});

describeItemNumberAllocatorContract('memory', {
  create: async () => createMemoryStateStore(),
  numRuns: 150,
});

describeDataTransferReportsContract('memory', { create: async () => createMemoryStateStore() });
