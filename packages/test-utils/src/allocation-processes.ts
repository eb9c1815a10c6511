import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { ALLOCATION_ENV } from './allocation-child';

export interface AllocationProcessesOptions {
  /** Absolute path of a script that calls `runAllocationChild` from `@pickpost/test-utils/child`. */
  script: string;
  processes: number;
  /** Item numbers each process allocates, one `next()` at a time. */
  perProcess: number;
  /** Block size per process (cycled); mixing sizes mixes short and long reservations. */
  blockSizes?: readonly number[];
  /** Extra environment for the children (a database file, a connection string…). */
  env?: Record<string, string>;
  frankingLicense?: string;
  /** Children still running after this long are killed and the run fails (default 90 s). */
  timeoutMs?: number;
}

export interface AllocationProcessesResult {
  /** The numbers of each process, in the order it received them. */
  numbers: number[][];
  /** From the moment all children were told to start until the last one reported. */
  allocationMs: number;
}

interface Child {
  process: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

function start(options: AllocationProcessesOptions, index: number): Child {
  const blockSizes = options.blockSizes ?? [100];
  const blockSize = blockSizes[index % blockSizes.length] ?? 100;
  // The same loader and condition as the workspace's tests, so the child runs src/ directly.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@pickpost/source', options.script],
    {
      env: {
        ...process.env,
        ...options.env,
        [ALLOCATION_ENV.count]: String(options.perProcess),
        [ALLOCATION_ENV.blockSize]: String(blockSize),
        [ALLOCATION_ENV.licence]: options.frankingLicense ?? '60013217',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const state: Child = {
    process: child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('close', (code) => resolve(code))),
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    state.stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    state.stderr += chunk.toString('utf8');
  });
  return state;
}

async function waitFor(child: Child, predicate: () => boolean): Promise<void> {
  while (!predicate()) {
    const exited = await Promise.race([
      child.exit.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 10)),
    ]);
    if (exited && !predicate()) {
      throw new Error(`allocation child exited early:\n${child.stderr}${child.stdout}`);
    }
  }
}

/**
 * Starts `processes` children (`node --import tsx --conditions=@pickpost/source <script>`), lets
 * them allocate at the same time once all are ready, and collects every number they got. The
 * caller asserts on the result, typically that all numbers are distinct.
 *
 * @example
 * const { numbers } = await runAllocationProcesses({
 *   script: fileURLToPath(new URL('./allocate-child.ts', import.meta.url)),
 *   processes: 4,
 *   perProcess: 2500,
 *   env: { DB_FILE: file },
 * });
 * expect(new Set(numbers.flat()).size).toBe(10_000);
 */
export async function runAllocationProcesses(
  options: AllocationProcessesOptions,
): Promise<AllocationProcessesResult> {
  const children = Array.from({ length: options.processes }, (_, index) => start(options, index));
  const timer = setTimeout(() => {
    for (const child of children) child.process.kill('SIGKILL');
  }, options.timeoutMs ?? 90_000);
  try {
    await Promise.all(
      children.map((child) => waitFor(child, () => child.stdout.includes('ready\n'))),
    );
    const startedAt = performance.now();
    for (const child of children) child.process.stdin?.write('go\n');
    const codes = await Promise.all(children.map((child) => child.exit));
    const allocationMs = performance.now() - startedAt;
    const numbers = children.map((child, index) => {
      const line = child.stdout.split('\n').find((text) => text.startsWith('numbers '));
      if (codes[index] !== 0 || line === undefined) {
        throw new Error(
          `allocation child ${index} failed (exit ${codes[index]}):\n${child.stderr}`,
        );
      }
      return JSON.parse(line.slice('numbers '.length)) as number[];
    });
    return { numbers, allocationMs };
  } finally {
    clearTimeout(timer);
    for (const child of children) if (child.process.exitCode === null) child.process.kill();
  }
}
