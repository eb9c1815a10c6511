import { definePickPostProject } from '../../vitest.shared.ts';

export default definePickPostProject('store-postgres', { testTimeout: 60_000 });
