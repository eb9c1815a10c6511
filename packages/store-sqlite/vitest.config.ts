import { definePickPostProject } from '../../vitest.shared.ts';

export default definePickPostProject('store-sqlite', { testTimeout: 60_000 });
