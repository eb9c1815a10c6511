import { definePickPostProject } from '../../vitest.shared.ts';

// npm installs the tarballs' dependencies from the registry: minutes on a cold cache.
export default definePickPostProject('install-check', { testTimeout: 120_000 });
