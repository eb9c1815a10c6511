import { defineLibraryBuild } from '../../tsup.shared.ts';

export default defineLibraryBuild();
