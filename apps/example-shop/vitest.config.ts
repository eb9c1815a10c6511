import { definePickPostProject } from '../../vitest.shared.ts';

export default definePickPostProject('example-shop', { testTimeout: 60_000 });
