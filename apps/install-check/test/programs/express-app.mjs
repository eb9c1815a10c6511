// An Express app with @pickpost/express from the tarballs: prints its port, then serves.
import { createMemoryStateStore, createPickPost } from '@pickpost/core';
import { createPickPostMiddleware, pickPostErrorHandler } from '@pickpost/express';
import express from 'express';
import { shop } from './shop.mjs';

const { config } = shop('express');
const pickpost = createPickPost(config, { store: createMemoryStateStore() });
const app = express();
app.use('/pickpost', createPickPostMiddleware({ pickpost, basePath: '/pickpost' }));
app.use(pickPostErrorHandler());
const server = app.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
