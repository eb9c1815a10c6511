export { adminFlushRoute as POST } from '../../../../../../../../src';
