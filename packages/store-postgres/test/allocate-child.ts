// One of the processes of multi-process.test.ts: allocates item numbers on the shared database.
import { runAllocationChild } from '@pickpost/test-utils/child';
import { createPostgresStateStore } from '../src/index';

const connectionString = process.env.PICKPOST_PG_URL;
const schema = process.env.PICKPOST_PG_SCHEMA;
if (connectionString === undefined || schema === undefined) {
  throw new Error('PICKPOST_PG_URL and PICKPOST_PG_SCHEMA must be set');
}
await runAllocationChild(async () => createPostgresStateStore({ connectionString, schema }));
