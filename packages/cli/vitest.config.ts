import { definePickPostProject } from '../../vitest.shared.ts';

export default definePickPostProject('cli', { testTimeout: 60_000 });
