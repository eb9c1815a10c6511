export { adminBulkLabelsRoute as POST } from '../../../../../../../src';
