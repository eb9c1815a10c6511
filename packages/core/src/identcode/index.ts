export {
  assertParcelLicence,
  formatIdentcode,
  humanIdentcode,
  IdentcodeError,
  type IdentcodeParts,
  parseIdentcode,
} from './identcode';
export {
  createItemNumberAllocator,
  type ItemNumberAllocator,
  type ItemNumberAllocatorOptions,
  ItemNumbersExhaustedError,
  isItemNumbersExhaustedError,
} from './item-number-allocator';
