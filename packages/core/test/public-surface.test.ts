import { describe, expect, it } from 'vitest';
import * as adapterKit from '../src/adapter-kit/index';
import * as datatransfer from '../src/datatransfer/index';
import * as root from '../src/index';
import * as post from '../src/post/index';
import * as rules from '../src/rules/index';
import * as storeKit from '../src/store-kit/index';

/**
 * The runtime names each entry point exports, as a committed file: a change to the public API
 * shows up as a diff of `public-surface.txt` in review (`pnpm exec vitest run -u` rewrites it).
 * Types are erased at run time; the d.ts files and attw cover them.
 */
const ENTRY_POINTS: Record<string, Record<string, unknown>> = {
  '@pickpost/core': root,
  '@pickpost/core/store-kit': storeKit,
  '@pickpost/core/rules': rules,
  '@pickpost/core/post': post,
  '@pickpost/core/datatransfer': datatransfer,
  '@pickpost/core/adapter-kit': adapterKit,
};

describe('the public surface of @pickpost/core', () => {
  it('is the reviewed list of names per entry point', async () => {
    const text = Object.entries(ENTRY_POINTS)
      .map(([entry, module]) => {
        const names = Object.keys(module).sort();
        return `${entry} (${names.length})\n${names.map((name) => `  ${name}`).join('\n')}`;
      })
      .join('\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('./public-surface.txt');
  });

  it('keeps the root to the integrator API: no store-kit, rule-table or transport internals', () => {
    for (const internal of [
      'defineStateStore',
      'FIELD_LIMITS',
      'createPostClient',
      'sftpTransport',
      'normaliseBasePath',
      'createConsoleLogger',
    ]) {
      expect(Object.keys(root), internal).not.toContain(internal);
    }
  });
});
