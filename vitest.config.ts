import { defineConfig } from 'vitest/config';

/**
 * One vitest run over the whole workspace. Every package and app with tests has its own
 * `vitest.config.ts` (built with `definePickPostProject`) and becomes a project here.
 */
export default defineConfig({
  test: {
    projects: ['{packages,apps}/*/vitest.config.ts', 'bench/vitest.config.{ts,mts}'],
  },
});
