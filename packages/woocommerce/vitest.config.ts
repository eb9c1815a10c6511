import { definePickPostProject } from '../../vitest.shared.ts';

export default definePickPostProject('woocommerce', { testTimeout: 60_000 });
