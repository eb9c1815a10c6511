import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMultiProcessAllocation } from '@pickpost/test-utils';
import { afterAll } from 'vitest';

const directory = mkdtempSync(join(tmpdir(), 'pickpost-sqlite-processes-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describeMultiProcessAllocation('SQLite', {
  script: fileURLToPath(new URL('./allocate-child.ts', import.meta.url)),
  env: () => ({ PICKPOST_SQLITE_FILE: join(directory, 'shared.db') }),
});
