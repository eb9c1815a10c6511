import { fileURLToPath } from 'node:url';
import { describeMultiProcessAllocation } from '@pickpost/test-utils';
import { useTestPostgres } from './postgres-server';

const server = useTestPostgres();

describeMultiProcessAllocation('Postgres', {
  script: fileURLToPath(new URL('./allocate-child.ts', import.meta.url)),
  env: () => ({
    PICKPOST_PG_URL: server().connectionString,
    PICKPOST_PG_SCHEMA: server().newSchema(),
  }),
});
