/**
 * `pnpm release:check`: the release as `changeset version` and `pnpm publish` would make it, in
 * a throwaway copy of the working tree, without touching the tree itself.
 * 1. Every published package that changed (or was never released) has a changeset
 *    (coverage.ts says which need one).
 * 2. The packages are built, the working tree (tracked and new files, with the builds) is copied
 *    into a temporary folder, and `changeset version` runs there: each package gets its next
 *    version and a CHANGELOG from the pending changesets.
 * 3. The workflow files (.github/workflows) pass the workflow schema and the release rules
 *    (workflows.ts).
 * 4. `pnpm pack` packs each package there: the tarball must carry the new version, no
 *    `workspace:` range, no tests, fixtures or benchmarks, and stay within its size budget.
 * It prints the versions, the CHANGELOG headings and the size table, and exits 1 with every
 * problem listed.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkCoverage } from './coverage.ts';
import type { TarballSummary } from './tarballs.ts';
import {
  contentsSummary,
  missingTargets,
  packPackage,
  publishablePackages,
  readSizeBudgets,
  sizeTable,
  summarizeTarball,
  tarballProblems,
} from './tarballs.ts';
import { workflowProblems } from './workflows.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const problems: string[] = [];

async function sh(command: string, args: string[], cwd: string) {
  return run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
}

/** Copies the working tree as git sees it (tracked and untracked, not ignored) and the builds. */
async function throwawayCopy(into: string, packageDirs: string[]) {
  const { stdout } = await sh(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    root,
  );
  for (const path of stdout.split('\0').filter(Boolean)) {
    await cp(join(root, path), join(into, path), { recursive: true, force: true }).catch(
      (error: NodeJS.ErrnoException) => {
        // A tracked file deleted in the working tree is not part of the release.
        if (error.code !== 'ENOENT') throw error;
      },
    );
  }
  // The builds are ignored by git: every folder a package's `files` names (dist, Medusa's
  // .medusa/server/src/admin) is copied as built.
  for (const dir of packageDirs) {
    const { files = [] } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      files?: string[];
    };
    for (const entry of files.filter((file) => !file.startsWith('!') && !file.includes('*')))
      await cp(join(dir, entry), join(into, relative(root, dir), entry), {
        recursive: true,
        force: true,
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
  }
  // changeset version loads its changelog generator from the workspace's node_modules.
  await symlink(join(root, 'node_modules'), join(into, 'node_modules'), 'dir');
}

/** Every workspace package in `root` (the folders pnpm-workspace.yaml names), by name. */
async function workspacePackages(root: string): Promise<Map<string, string>> {
  const dirs = new Map<string, string>();
  const candidates = ['bench'];
  for (const parent of ['packages', 'apps'])
    for (const entry of await readdir(join(root, parent), { withFileTypes: true }))
      if (entry.isDirectory()) candidates.push(join(parent, entry.name));
  for (const dir of candidates) {
    const manifest = await readFile(join(root, dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined)
      dirs.set((JSON.parse(manifest) as { name: string }).name, join(root, dir));
  }
  return dirs;
}

/**
 * Links each package's workspace dependencies to their copies, as `pnpm install` would: `pnpm
 * pack` replaces a `workspace:` range with the version of the linked package, and must see
 * the version `changeset version` gave it, not the working tree's. Development dependencies
 * count too: pnpm refuses to pack a `workspace:` range it cannot resolve, in any field.
 */
async function linkWorkspaceDependencies(copy: string) {
  const dirs = await workspacePackages(copy);
  for (const pkg of await publishablePackages(copy)) {
    const manifest = JSON.parse(await readFile(join(pkg.dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    for (const field of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
      'devDependencies',
    ]) {
      for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
        const target = dirs.get(dep);
        if (!range.startsWith('workspace:') || target === undefined) continue;
        const link = join(pkg.dir, 'node_modules', dep);
        await mkdir(dirname(link), { recursive: true });
        await symlink(target, link, 'dir').catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        });
      }
    }
  }
}

/** The packed manifest's own problems: its version, and dependency ranges pnpm left unreplaced. */
function manifestProblems(name: string, manifest: Record<string, unknown>, version: string) {
  const found: string[] = [];
  if (manifest.version !== version)
    found.push(`${name}: packed as ${String(manifest.version)}, expected ${version}`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>))
      if (range.startsWith('workspace:')) found.push(`${name}: ${field}.${dep} is still ${range}`);
  }
  return found;
}

async function main() {
  const started = Date.now();
  const packages = await publishablePackages(root);
  const config = JSON.parse(await readFile(join(root, '.changeset', 'config.json'), 'utf8')) as {
    baseBranch?: string;
  };

  console.log('▶ changesets: every changed or unreleased package needs one');
  for (const result of await checkCoverage(root, packages, config.baseBranch ?? 'main')) {
    const status = result.problem !== undefined ? '✖' : '✓';
    console.log(
      `  ${status} ${result.name}: ${result.reason ?? 'unchanged'}; changesets: ${result.changesets.join(', ') || 'none'}`,
    );
    if (result.problem !== undefined) problems.push(result.problem);
  }

  console.log('▶ workflow files: schema (@action-validator/core) and release rules');
  const workflows = await workflowProblems(root);
  for (const problem of workflows) console.log(`  ✖ ${problem}`);
  if (workflows.length === 0) console.log('  ✓ .github/workflows/ci.yml, release.yml');
  problems.push(...workflows);

  console.log('▶ build');
  await sh('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], root);

  const work = await mkdtemp(join(tmpdir(), 'pickpost-release-'));
  try {
    const copy = join(work, 'repo');
    const tarballs = join(work, 'tarballs');
    await mkdir(tarballs, { recursive: true });
    await throwawayCopy(
      copy,
      packages.map((pkg) => pkg.dir),
    );

    console.log(`▶ changeset version (in ${copy})`);
    await sh(join(root, 'node_modules', '.bin', 'changeset'), ['version'], copy);
    const versioned = await publishablePackages(copy);
    await linkWorkspaceDependencies(copy);
    for (const pkg of versioned) {
      const before = packages.find((p) => p.name === pkg.name)?.version;
      const changelog = await readFile(join(pkg.dir, 'CHANGELOG.md'), 'utf8').catch(() => '');
      const heading = changelog.split('\n').find((line) => line.startsWith('## '));
      console.log(`  ${pkg.name}: ${before} → ${pkg.version}, CHANGELOG ${heading ?? '(none)'}`);
      if (pkg.version === '0.0.0') problems.push(`${pkg.name}: changeset version left it at 0.0.0`);
      if (heading !== `## ${pkg.version}`)
        problems.push(`${pkg.name}: its CHANGELOG does not start with ## ${pkg.version}`);
    }

    console.log('▶ pnpm pack');
    const budgets = await readSizeBudgets();
    const summaries: TarballSummary[] = [];
    for (const pkg of versioned) {
      const summary = await summarizeTarball(pkg.name, await packPackage(pkg, tarballs));
      summaries.push(summary);
      const { stdout } = await sh('tar', ['-xzOf', summary.file, 'package/package.json'], work);
      const manifest = JSON.parse(stdout) as Record<string, unknown>;
      problems.push(...manifestProblems(pkg.name, manifest, pkg.version));
      problems.push(...missingTargets(summary, manifest));
      problems.push(...tarballProblems(summary, budgets[pkg.name]));
      console.log(`  ${pkg.name}@${pkg.version}: ${contentsSummary(summary)}`);
    }
    console.log(`\n${sizeTable(summaries, budgets)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (problems.length > 0) {
    console.log(
      `✖ release check failed (${seconds} s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`✓ release check passed (${seconds} s)`);
}

await main();
