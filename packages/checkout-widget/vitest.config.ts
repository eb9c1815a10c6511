import { definePickPostProject } from '../../vitest.shared.ts';

// The DOM tests choose happy-dom with a `@vitest-environment` comment; the size test runs in Node.
export default definePickPostProject('checkout-widget', { testTimeout: 60_000 });
