// Builds the admin extension (src/admin: the order page's PickPost widget) the way
// `medusa plugin:build` does, with Medusa's own admin bundler, into .medusa/server/src/admin,
// where a Medusa application's admin build finds a plugin's `./admin` export (Medusa 2.21.2
// `getResolvedPlugins` in @medusajs/utils: a plugin whose package.json exports `./admin` has its
// admin extensions bundled from `<name>/admin`). Only the admin half of plugin:build: the server
// side of this package is built by tsup. In this ESM package the bundler names its ES output
// index.js and its CommonJS output index.cjs.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plugin } from '@medusajs/admin-bundler';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await plugin({ root, outDir: '.medusa/server' });

// The bundle's own declarations (the bundler writes none): what the dashboard reads of it.
const declarations = `// Written by scripts/build-admin.mjs: the admin extension bundle Medusa's dashboard loads.
import type { ComponentType } from 'react';

/** A widget of the bundle: the component and the admin zones it is shown in. */
export interface AdminWidget {
  Component: ComponentType<{ data: { id: string } }>;
  zone: string[];
  widgetId: string;
}

/** The modules Medusa's dashboard reads from a plugin's \`./admin\` export. */
export interface AdminExtensionPlugin {
  widgetModule: { widgets: AdminWidget[] };
  routeModule: { routes: unknown[] };
  menuItemModule: { menuItems: unknown[] };
  [module: string]: unknown;
}

declare const plugin: AdminExtensionPlugin;
export default plugin;
`;
const out = join(root, '.medusa', 'server', 'src', 'admin');
await writeFile(join(out, 'index.d.ts'), declarations);
// The CommonJS bundle assigns module.exports, so its declarations use `export =` (and keep the
// interfaces unexported, which `export =` requires).
const commonJs = declarations
  .replaceAll('export interface', 'interface')
  .replace('export default plugin;', 'export = plugin;');
await writeFile(join(out, 'index.d.cts'), commonJs);
