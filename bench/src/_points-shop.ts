// An Express shop for `pnpm bench points`: `warm` serves point searches through the PickPost
// middleware with its cache (the default), `uncached` forwards every search to the mock Post
// server, and `bare` is the baseline: a plain Express route that answers each postcode with the
// very JSON body (and headers) the PickPost route gives for it, made once at start.
import { createMemoryStateStore, createPickPost } from '@pickpost/core';
import { createPostClient } from '@pickpost/core/post';
import { createPickPostMiddleware } from '@pickpost/express';
import express from 'express';
import { BENCH_SENDER, POINT_ZIPS as ZIPS } from './_harness.ts';

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
if (mode === 'bare') {
  const bodies = new Map<string, string>();
  for (const zip of ZIPS)
    bodies.set(zip, JSON.stringify({ points: await pickpost.checkout.findPoints({ zip }) }));
  app.get('/pickpost/points', (req, res) => {
    const body = bodies.get(String(req.query.zip));
    res
      .status(body === undefined ? 404 : 200)
      .set({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'private, max-age=60',
        'x-content-type-options': 'nosniff',
      })
      .end(body ?? '{}');
  });
}
// The bench's load comes from one address: lift the per-client limit for it.
app.use(
  '/pickpost',
  createPickPostMiddleware({
    pickpost,
    basePath: '/pickpost',
    rateLimit: { max: 10_000_000, windowMs: 1_000 },
    // The point route is measured, not the widget: a clean checkout need not build it first.
    widgetScript: false,
  }),
);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(`READY http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
