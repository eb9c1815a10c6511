import { createStoreRoute } from '../../../../../../../src';

export const POST = createStoreRoute();
