import { defineLibraryBuild } from '../../tsup.shared.ts';

/** One build per entry point of the package's `exports`: the root and the subpaths. */
const CORE_ENTRIES = {
  index: 'src/index.ts',
  'store-kit': 'src/store-kit/index.ts',
  rules: 'src/rules/index.ts',
  post: 'src/post/index.ts',
  datatransfer: 'src/datatransfer/index.ts',
  'adapter-kit': 'src/adapter-kit/index.ts',
};

// The label fonts are found with createRequire(import.meta.url), which CommonJS lacks. Code
// shared by the entries goes into shared chunks in both formats, so that one process loading
// the root and a subpath holds one copy of core (one private registry of instance keys).
export default defineLibraryBuild({ shims: true, entry: CORE_ENTRIES, splitting: true });
