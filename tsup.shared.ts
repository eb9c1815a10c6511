import type { Options } from 'tsup';
import { defineConfig } from 'tsup';

/**
 * The build every published library package shares: ESM and CommonJS (Medusa and other hosts
 * still load CommonJS) with declarations for both, for Node 20. A package passes only what
 * differs.
 */
export function defineLibraryBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
    ...overrides,
  });
}
