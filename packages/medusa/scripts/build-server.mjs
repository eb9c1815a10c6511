// Builds the server half of the Medusa plugin: the route, middleware and job files of src/api
// and src/jobs into .medusa/server/src/api and .medusa/server/src/jobs, where Medusa 2.21.2 finds
// them for a package listed under `plugins` (`getResolvedPlugins` in @medusajs/utils resolves a
// plugin to `<package>/.medusa/server/src`; @medusajs/medusa's loaders scan its `api` with the
// ApiLoader and its `jobs` with the JobLoader, both loading each file with `require`).
//
// `medusa plugin:build` would run TypeScript over the whole package into .medusa/server (after
// deleting it). Here tsup already builds the library into dist/, so only these thin files are
// compiled, to CommonJS, each requiring the package's own CommonJS build by a relative path: the
// same copy Medusa loads as the fulfillment provider (by name, with `require`), and no lookup of
// the package's name from inside itself (a nested package.json would defeat that).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.medusa', 'server', 'src');
const library = join(root, 'dist', 'index.cjs');
const SELF = 'require("@pickpost/medusa")';

async function sources(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

for (const part of ['api', 'jobs']) {
  await rm(join(out, part), { recursive: true, force: true });
  for (const file of await sources(join(root, 'src', part))) {
    const target = join(out, relative(join(root, 'src'), file)).replace(/\.ts$/, '.js');
    const { code } = await transformFile(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      swcrc: false,
    });
    let toLibrary = relative(dirname(target), library).split(sep).join('/');
    if (!toLibrary.startsWith('.')) toLibrary = `./${toLibrary}`;
    if (!code.includes(SELF)) throw new Error(`${file} does not import @pickpost/medusa`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(
      target,
      `// Built by scripts/build-server.mjs from src/${relative(join(root, 'src'), file).split(sep).join('/')}.\n${code.replaceAll(SELF, `require(${JSON.stringify(toLibrary)})`)}`,
    );
  }
  // The package is ES modules ("type": "module"); these files are CommonJS, as Medusa requires them.
  await writeFile(join(out, part, 'package.json'), '{ "type": "commonjs" }\n');
}
