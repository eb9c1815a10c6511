#!/usr/bin/env node
// `pnpm test`: every check the workspace has, in one command. Typecheck, lint (biome, publint,
// attw) and build run through turbo, then the release check; then every vitest project runs once
// (the install test, apps/install-check, among them), PHPUnit runs the
// WordPress plugin's tests and Jest the Medusa application suites. The last line is the
// workspace's totals exactly as vitest, PHPUnit and Jest reported them in their reports:
//   N passed, N failed[, N skipped]
// The exit code is non-zero when any step or test failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { provisionSystemTools } from './system-tools.mjs';

const root = new URL('..', import.meta.url).pathname;
const resultsFile = join(root, '.cache', 'vitest-results.json');

function run(title, command, args) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  if (!ok) console.log(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
  return ok;
}

// System tools first: a missing one is installed or named now, not discovered by a test later.
const provisioning = provisionSystemTools();
if (provisioning !== undefined) {
  console.log(`✖ ${provisioning}`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}

const failedSteps = [];
const step = (title, command, args) => {
  if (!run(title, command, args)) failedSteps.push(title);
};

step('typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']);
step('lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
step('build', 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
step('lint (publint, attw)', 'pnpm', [
  'exec',
  'turbo',
  'run',
  'lint:package',
  '--output-logs=errors-only',
]);

// The release as changesets and pnpm pack would make it (a few seconds): changeset coverage,
// versions and CHANGELOGs in a throwaway copy, tarball contents and size budgets, workflow files.
step('release check', 'pnpm', ['run', 'release:check']);

mkdirSync(join(root, '.cache'), { recursive: true });
rmSync(resultsFile, { force: true });
step('vitest', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
]);

/**
 * Runs PHPUnit on the WordPress plugin and reads its JUnit report: `{ passed, failed, skipped }`,
 * or `undefined` when PHPUnit wrote no report (it could not run).
 */
function runPhpUnit() {
  const plugin = join(root, 'packages', 'woocommerce', 'wordpress-plugin');
  const report = join(root, '.cache', 'phpunit-junit.xml');
  rmSync(report, { force: true });
  const ok = run('phpunit (wordpress-plugin)', 'phpunit', [
    '--configuration',
    join(plugin, 'phpunit.xml.dist'),
    '--log-junit',
    report,
  ]);
  let xml;
  try {
    xml = readFileSync(report, 'utf8');
  } catch {
    console.log('✖ phpunit wrote no report');
    return undefined;
  }
  // The first <testsuite> holds the totals of the whole run.
  const suite = /<testsuite\b[^>]*>/.exec(xml)?.[0] ?? '';
  const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = count('failures') + count('errors') + count('warnings');
  const skipped = count('skipped');
  return { ok, passed: count('tests') - failed - skipped, failed, skipped };
}
// PHPUnit: the WordPress plugin's tests (packages/woocommerce/wordpress-plugin), counted in the totals.
const php = runPhpUnit();
if (php === undefined || !php.ok) failedSteps.push('phpunit');

/**
 * Runs the real-Medusa suites of @pickpost/medusa (Medusa's test runner needs Jest) and reads
 * Jest's JSON report: `{ ok, passed, failed, skipped }`, or `undefined` when Jest wrote none.
 */
function runJest() {
  const report = join(root, '.cache', 'jest-medusa.json');
  rmSync(report, { force: true });
  const ok = run('jest (medusa)', 'pnpm', [
    '--filter',
    '@pickpost/medusa',
    'run',
    'test:medusa',
    '--json',
    `--outputFile=${report}`,
  ]);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    return {
      ok: ok && json.numRuntimeErrorTestSuites === 0,
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    console.log('✖ jest wrote no report');
    return undefined;
  }
}
// Jest: the Medusa application suites (packages/medusa/integration-tests), counted in the totals.
const jest = runJest();
if (jest === undefined || !jest.ok) failedSteps.push('jest (medusa)');
const extra = [php, jest].filter((counts) => counts !== undefined);
const sum = (field) => extra.reduce((total, counts) => total + counts[field], 0);

let totals;
try {
  totals = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.log('✖ vitest wrote no results');
  failedSteps.push('vitest results');
}

if (totals) {
  const brokenFiles = totals.testResults.filter(
    (file) =>
      file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed'),
  );
  for (const file of brokenFiles)
    console.log(`✖ ${file.name} could not run: ${file.message ?? ''}`);
  if (brokenFiles.length > 0) failedSteps.push('test files');
}
if (failedSteps.length > 0) console.log(`\nFailed: ${failedSteps.join(', ')}`);

if (totals) {
  const skipped = totals.numPendingTests + totals.numTodoTests + sum('skipped');
  const line = `${totals.numPassedTests + sum('passed')} passed, ${totals.numFailedTests + sum('failed')} failed`;
  console.log(skipped > 0 ? `${line}, ${skipped} skipped` : line);
} else {
  console.log(`${sum('passed')} passed, ${sum('failed')} failed`);
}

process.exit(failedSteps.length > 0 ? 1 : 0);
