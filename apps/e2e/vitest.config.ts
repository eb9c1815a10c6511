import { definePickPostProject } from '../../vitest.shared.ts';

export default definePickPostProject('e2e', { testTimeout: 60_000 });
