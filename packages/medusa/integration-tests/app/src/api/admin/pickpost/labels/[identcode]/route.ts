export { adminLabelRoute as GET } from '../../../../../../../../src';
