import { createStoreRoute } from '../../../../../../../src';

export const GET = createStoreRoute();
