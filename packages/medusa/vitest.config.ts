import { definePickPostProject } from '../../vitest.shared.ts';

export default definePickPostProject('medusa');
