import { defineLibraryBuild } from '../../tsup.shared.ts';

// The label fonts are found with createRequire(import.meta.url), which CommonJS lacks.
export default defineLibraryBuild({ shims: true });
