/**
 * Which published packages changed without a changeset. A package needs a pending changeset
 * (a `.changeset/*.md` naming it) when
 * - it was never released: no git tag `<name>@<version>` (the tags `changeset publish` makes)
 *   and its version is still 0.0.0, so on a clean clone with only `main` every package needs
 *   one before the first release;
 * - it was released and files it ships changed since its tag;
 * - on a branch: files it ships changed since the branch left the base branch (`origin/main`,
 *   else `main`), and then the changeset must be one the branch added.
 * Only files that reach the tarball or its build count: tests and test configuration do not.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { PublishablePackage } from './tarballs.ts';

const run = promisify(execFile);

/** A pending changeset: its file name and the packages it names. */
export interface PendingChangeset {
  file: string;
  packages: string[];
}

/** What the coverage check found for one package. */
export interface CoverageResult {
  name: string;
  /** Why the package needs a changeset, or `undefined` when it needs none. */
  reason: string | undefined;
  /** The pending changesets that name it. */
  changesets: string[];
  /** Set when it needs a changeset and has none. */
  problem: string | undefined;
}

async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}

/** The pending changesets in `.changeset/`, read from their front matter. */
export async function pendingChangesets(root: string): Promise<PendingChangeset[]> {
  const dir = join(root, '.changeset');
  const found: PendingChangeset[] = [];
  for (const file of (await readdir(dir)).sort()) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const text = await readFile(join(dir, file), 'utf8');
    const front = /^---\s*\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    const packages = [
      ...front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm),
    ]
      .map((match) => match[1])
      .filter((name): name is string => name !== undefined);
    found.push({ file, packages });
  }
  return found;
}

/** Whether a path inside a package reaches its tarball or its build. */
function ships(pkgFiles: string[], path: string): boolean {
  if (/\.test\.|__snapshots__|(^|\/)(test|integration-tests|fixtures?)\//.test(path)) return false;
  if (['package.json', 'README.md', 'LICENSE', 'tsup.config.ts', 'tsconfig.json'].includes(path))
    return true;
  const first = path.split('/')[0] ?? '';
  return pkgFiles.some((entry) => !entry.startsWith('!') && entry.split('/')[0] === first);
}

/** Files of `pkg` that differ from `base` (committed, staged, unstaged or untracked). */
async function changedSince(root: string, pkg: PublishablePackage, base: string) {
  const dir = relative(root, pkg.dir);
  const diff = (await git(root, ['diff', '--name-only', base, '--', dir])) ?? '';
  const untracked = (await git(root, ['ls-files', '--others', '--exclude-standard', dir])) ?? '';
  const manifest = JSON.parse(await readFile(join(pkg.dir, 'package.json'), 'utf8')) as {
    files?: string[];
  };
  return `${diff}\n${untracked}`
    .split('\n')
    .filter(Boolean)
    .map((path) => relative(dir, path))
    .filter((path) => ships(manifest.files ?? [], path));
}

/** The base branch the current branch is compared with, or `undefined` on the base itself. */
async function branchBase(root: string, baseBranch: string): Promise<string | undefined> {
  for (const ref of [`origin/${baseBranch}`, baseBranch]) {
    if ((await git(root, ['rev-parse', '--verify', '--quiet', ref])) === undefined) continue;
    const head = (await git(root, ['rev-parse', 'HEAD']))?.trim();
    const base = (await git(root, ['merge-base', ref, 'HEAD']))?.trim();
    return base === undefined || base === head ? undefined : base;
  }
  return undefined;
}

/** Checks every published package against the pending changesets (see the file comment). */
export async function checkCoverage(
  root: string,
  packages: PublishablePackage[],
  baseBranch: string,
): Promise<CoverageResult[]> {
  const pending = await pendingChangesets(root);
  const branch = await branchBase(root, baseBranch);
  const addedOnBranch = new Set<string>();
  if (branch !== undefined) {
    const added = await git(root, [
      'diff',
      '--name-only',
      '--diff-filter=A',
      branch,
      '--',
      '.changeset',
    ]);
    const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '.changeset']);
    for (const path of `${added ?? ''}\n${untracked ?? ''}`.split('\n').filter(Boolean))
      addedOnBranch.add(path.replace(/^\.changeset\//, ''));
  }
  const results: CoverageResult[] = [];
  for (const pkg of packages) {
    const naming = pending.filter((changeset) => changeset.packages.includes(pkg.name));
    const tag = `${pkg.name}@${pkg.version}`;
    const tagged =
      (await git(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`])) !== undefined;
    let reason: string | undefined;
    let candidates = naming;
    if (!tagged && pkg.version === '0.0.0') reason = 'never released';
    else if (tagged) {
      const changed = await changedSince(root, pkg, `refs/tags/${tag}`);
      if (changed.length > 0) reason = `changed since ${tag}: ${changed.slice(0, 3).join(', ')}`;
    }
    if (branch !== undefined) {
      const changed = await changedSince(root, pkg, branch);
      if (changed.length > 0) {
        reason = `changed on this branch: ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}`;
        candidates = naming.filter((changeset) => addedOnBranch.has(changeset.file));
      }
    }
    const problem =
      reason !== undefined && candidates.length === 0
        ? `${pkg.name}: ${reason}, and no ${branch === undefined ? 'pending' : 'new'} changeset names it (run \`pnpm changeset\`)`
        : undefined;
    results.push({ name: pkg.name, reason, changesets: naming.map((c) => c.file), problem });
  }
  return results;
}
