/**
 * What a published package holds: the workspace packages that are published, their tarballs as
 * `pnpm pack` (and so `pnpm publish`) makes them, the files and sizes inside, and the rules a
 * tarball must keep (no tests, fixtures or benchmarks; a size budget). Shared by
 * `pnpm release:check` and the install test (apps/install-check), so both judge the same way.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';

const run = promisify(execFile);

/** A workspace package that is published. */
export interface PublishablePackage {
  name: string;
  version: string;
  dir: string;
}

/** One packed package: its tarball, the files in it and its sizes in bytes. */
export interface TarballSummary {
  name: string;
  file: string;
  files: Array<{ path: string; size: number }>;
  packed: number;
  unpacked: number;
}

/** A package's size limits in bytes: the tarball itself and the files in it added up. */
export interface SizeBudget {
  packed: number;
  unpacked: number;
}

/** The workspace packages that are published: under `packages/`, not `private`. */
export async function publishablePackages(root: string): Promise<PublishablePackage[]> {
  const found: PublishablePackage[] = [];
  for (const entry of await readdir(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, 'packages', entry.name);
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    const pkg = JSON.parse(manifest) as { name: string; version: string; private?: boolean };
    if (pkg.private !== true) found.push({ name: pkg.name, version: pkg.version, dir });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs one package with `pnpm pack` into `destination`; the tarball's path. */
export async function packPackage(pkg: PublishablePackage, destination: string): Promise<string> {
  const before = new Set(await readdir(destination));
  await run('pnpm', ['pack', '--pack-destination', destination], {
    cwd: pkg.dir,
    timeout: 120_000,
  });
  const [file] = (await readdir(destination)).filter((name) => !before.has(name));
  if (file === undefined) throw new Error(`pnpm pack wrote nothing for ${pkg.name}`);
  return join(destination, file);
}

/**
 * The regular files in a gzipped tar and their sizes, read from the ustar headers themselves
 * (512-byte blocks: name at 0, size in octal at 124, type at 156, prefix at 345), so the sizes
 * are exact and no `tar` output format is parsed.
 */
export function tarEntries(gzipped: Buffer): Array<{ path: string; size: number }> {
  const tar = gunzipSync(gzipped);
  const entries: Array<{ path: string; size: number }> = [];
  const text = (from: number, length: number) =>
    tar
      .subarray(from, from + length)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  let offset = 0;
  while (offset + 512 <= tar.length && tar[offset] !== 0) {
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = text(offset + 156, 1);
    const prefix = text(offset + 345, 155);
    const name = text(offset, 100);
    // '0' (or NUL, old tars) is a regular file; pax headers ('x', 'g') and folders are skipped.
    if (type === '0' || type === '')
      entries.push({ path: prefix ? `${prefix}/${name}` : name, size });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** Reads a tarball: its files, packed size (the file) and unpacked size (the files added up). */
export async function summarizeTarball(name: string, file: string): Promise<TarballSummary> {
  const files = tarEntries(await readFile(file));
  return {
    name,
    file,
    files,
    packed: (await stat(file)).size,
    unpacked: files.reduce((total, entry) => total + entry.size, 0),
  };
}

/** Files that must never ship: tests, snapshots, fixtures, benchmarks and test configuration. */
const STRAY =
  /\.test\.|\.spec\.|__snapshots__|\/fixtures?\/|\/bench\/|\/test\/|\/integration-tests\/|(vitest|jest)\.config/;

/** The paths in a tarball that should not be there. */
export function strayFiles(summary: TarballSummary): string[] {
  return summary.files.map((entry) => entry.path).filter((path) => STRAY.test(path));
}

/** The size budgets, by package name (`size-budgets.json` beside this file). */
export async function readSizeBudgets(): Promise<Record<string, SizeBudget>> {
  const file = new URL('./size-budgets.json', import.meta.url);
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const budgets: Record<string, SizeBudget> = {};
  for (const [name, value] of Object.entries(json)) {
    if (name.startsWith('$')) continue;
    const { packedKB, unpackedKB } = value as { packedKB: number; unpackedKB: number };
    budgets[name] = { packed: packedKB * 1024, unpacked: unpackedKB * 1024 };
  }
  return budgets;
}

/** Everything wrong with a tarball: stray files, a missing or exceeded budget. */
export function tarballProblems(summary: TarballSummary, budget: SizeBudget | undefined): string[] {
  const problems = strayFiles(summary).map((path) => `${summary.name}: ships ${path}`);
  if (budget === undefined) problems.push(`${summary.name}: no size budget in size-budgets.json`);
  else {
    if (summary.packed > budget.packed)
      problems.push(
        `${summary.name}: packed ${kb(summary.packed)} over its budget of ${kb(budget.packed)}`,
      );
    if (summary.unpacked > budget.unpacked)
      problems.push(
        `${summary.name}: unpacked ${kb(summary.unpacked)} over its budget of ${kb(budget.unpacked)}`,
      );
  }
  return problems;
}

/** Every file a manifest points at (`exports` targets, `main`, `module`, `types`, `bin`). */
function manifestTargets(manifest: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value !== null && typeof value === 'object')
      // The workspace's own condition (sources while developing): no installed project sets it.
      for (const [condition, target] of Object.entries(value))
        if (condition !== '@pickpost/source') walk(target);
  };
  for (const field of ['exports', 'main', 'module', 'types', 'bin']) walk(manifest[field]);
  // Subpath patterns (`./*`) name no one file.
  return [...new Set(targets)].filter((target) => !target.includes('*'));
}

/** The files the manifest points at that the tarball does not hold (an import that would fail). */
export function missingTargets(
  summary: TarballSummary,
  manifest: Record<string, unknown>,
): string[] {
  const shipped = new Set(summary.files.map((entry) => entry.path.replace(/^package\//, '')));
  return manifestTargets(manifest)
    .map((target) => target.replace(/^\.\//, ''))
    .filter((target) => !shipped.has(target))
    .map((target) => `${summary.name}: package.json points at ${target}, which the tarball lacks`);
}

/** Bytes as kilobytes with one decimal (`12.3 kB`, 1 kB = 1024 bytes). */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** A table of the tarballs: name, files, packed and unpacked size against the budget. */
export function sizeTable(
  summaries: TarballSummary[],
  budgets: Record<string, SizeBudget>,
): string {
  const rows = summaries.map((summary) => {
    const budget = budgets[summary.name];
    const of = (bytes: number, limit: number | undefined) =>
      `${kb(bytes)} / ${limit === undefined ? '—' : kb(limit)}`;
    return [
      summary.name,
      String(summary.files.length),
      of(summary.packed, budget?.packed),
      of(summary.unpacked, budget?.unpacked),
    ];
  });
  const header = ['package', 'files', 'packed / budget', 'unpacked / budget'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows]
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '))
    .join('\n');
}

/** A one-line summary of what a tarball holds, by top-level folder (`dist 41 files, src 30`). */
export function contentsSummary(summary: TarballSummary): string {
  const groups = new Map<string, number>();
  for (const { path } of summary.files) {
    const parts = path.split('/');
    const key = parts.length > 2 ? `${parts[1]}/` : (parts[1] ?? path);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups]
    .map(([key, count]) => (key.endsWith('/') ? `${key} ${count}` : key))
    .join(', ');
}
