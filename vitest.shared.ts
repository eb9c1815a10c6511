import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/**
 * The project config every workspace package uses. The `@pickpost/source` condition makes
 * imports of workspace packages resolve to their `src/`, so tests need no prior build.
 */
export function definePickPostProject(name: string, overrides: { testTimeout?: number } = {}) {
  const conditions = ['@pickpost/source', ...defaultServerConditions];
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@pickpost/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      clearMocks: true,
      restoreMocks: true,
      testTimeout: overrides.testTimeout ?? 20_000,
    },
  });
}
