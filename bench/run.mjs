#!/usr/bin/env node
// `pnpm bench [name…]`: runs each benchmark in `src/<name>.ts` in its own Node process (so peak
// RSS figures belong to one benchmark), in the order given or alphabetically.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(new URL('src/', import.meta.url))
  .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -3))
  .sort();
const requested = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ') || 'none'}`,
  );
  process.exit(1);
}
const names = requested.length > 0 ? requested : available;
if (names.length === 0) {
  console.log('No benchmarks yet.');
  process.exit(0);
}
let failed = 0;
for (const name of names) {
  console.log(`\n=== bench ${name} ===`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--conditions=@pickpost/source', `src/${name}.ts`],
    { cwd: here, stdio: 'inherit' },
  );
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
