// An Express shop with the PickPost middleware, for `pnpm bench points`: `warm` caches point
// searches (the default), `uncached` forwards every search to the mock Post server.
import { createMemoryStateStore, createPickPost } from '@pickpost/core';
import { createPostClient } from '@pickpost/core/post';
import { createPickPostMiddleware } from '@pickpost/express';
import express from 'express';
import { BENCH_SENDER } from './_harness.ts';

const [mode, baseUrlsJson] = process.argv.slice(2);
const baseUrls = JSON.parse(baseUrlsJson ?? '{}') as Record<string, string>;
const pickpost = createPickPost(
  {
    variant: '4b',
    frankingLicense: '60013217',
    sender: BENCH_SENDER,
    dataTransfer: { transport: { type: 'directory', dir: '/tmp/pickpost-bench-unused' } },
    selectionSecret: 'bench-selection-secret-0123456789abcdef',
  },
  {
    store: createMemoryStateStore(),
    post: createPostClient({ baseUrls }),
    pointsCacheTtlMs: mode === 'uncached' ? 0 : 10 * 60 * 1000,
  },
);
const app = express();
app.get('/stats', (_req, res) => {
  res.json(pickpost.checkout.pointsCacheStats());
});
// The bench's load comes from one address: lift the per-client limit for it.
app.use(
  '/pickpost',
  createPickPostMiddleware({
    pickpost,
    basePath: '/pickpost',
    rateLimit: { max: 10_000_000, windowMs: 1_000 },
  }),
);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(`READY http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
