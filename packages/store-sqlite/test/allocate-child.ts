// One of the processes of multi-process.test.ts: allocates item numbers on the shared file.
import { runAllocationChild } from '@pickpost/test-utils/child';
import { createSqliteStateStore } from '../src/index';

const filename = process.env.PICKPOST_SQLITE_FILE;
if (filename === undefined) throw new Error('PICKPOST_SQLITE_FILE is not set');
await runAllocationChild(async () => createSqliteStateStore({ filename }));
