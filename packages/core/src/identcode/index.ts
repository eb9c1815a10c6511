export {
  formatIdentcode,
  humanIdentcode,
  IdentcodeError,
  type IdentcodeParts,
  parseIdentcode,
} from './identcode';
