export {
  type AllocationProcessesOptions,
  type AllocationProcessesResult,
  runAllocationProcesses,
} from './allocation-processes';
export {
  type DataTransferReportsContractOptions,
  describeDataTransferReportsContract,
} from './datatransfer-reports-contract';
export {
  describeItemNumberAllocatorContract,
  type ItemNumberAllocatorContractOptions,
} from './item-number-allocator-contract';
export {
  describeMultiProcessAllocation,
  type MultiProcessAllocationOptions,
} from './multi-process-allocation';
export {
  describeStateStoreContract,
  rejectionOf,
  type StateStoreContractOptions,
} from './state-store-contract';
