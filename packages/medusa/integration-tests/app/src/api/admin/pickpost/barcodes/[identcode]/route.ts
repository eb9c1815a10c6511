export { adminBarcodeRoute as GET } from '../../../../../../../../src';
