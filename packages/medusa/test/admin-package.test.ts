import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getResolvedPlugins } from '@medusajs/framework/utils';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const fromPackage = createRequire(join(packageRoot, 'package.json'));
const bundler = fromPackage.resolve('@medusajs/admin-bundler');

/**
 * What `medusa build` runs for the admin of an application whose plugins have admin
 * extensions: the admin bundler's build of Medusa's dashboard with the plugins' `admin`
 * resolves (as getResolvedPlugins answers them). It writes into the working directory.
 */
const HOST_ADMIN_BUILD = `require(${JSON.stringify(bundler)})
  .build({ sources: [], plugins: ['@pickpost/medusa/admin'], outDir: 'build', path: '/app' })
  .catch((error) => { console.error(error); process.exit(1); });`;

/** What a plugin's `./admin` export hands Medusa's dashboard (the part this test reads). */
interface AdminBundle {
  widgetModule: {
    widgets: { Component: (props: { data: { id: string } }) => unknown; zone: string[] }[];
  };
  routeModule: { routes: unknown[] };
}

/**
 * The package as a shop installs it: a Medusa application folder whose node_modules holds
 * @pickpost/medusa, listed under `plugins` in its medusa-config. Medusa's own plugin resolver
 * and Node's resolver find the admin bundle the package ships.
 */
describe('the admin extension in the package', () => {
  let shop: string;
  beforeAll(() => {
    // The package build's admin half (scripts/build-admin.mjs, Medusa's admin bundler).
    execFileSync(process.execPath, ['scripts/build-admin.mjs'], { cwd: packageRoot });
    shop = mkdtempSync(join(tmpdir(), 'pickpost-medusa-shop-'));
    mkdirSync(join(shop, 'node_modules', '@pickpost'), { recursive: true });
    symlinkSync(packageRoot, join(shop, 'node_modules', '@pickpost', 'medusa'), 'dir');
    // What a Medusa application's flat node_modules (npm) has at its top through
    // @medusajs/medusa: the dashboard, its admin packages, React.
    const fromBundler = createRequire(bundler);
    const dashboard = dirname(fromBundler.resolve('@medusajs/dashboard/package.json'));
    mkdirSync(join(shop, 'node_modules', '@medusajs'));
    symlinkSync(dashboard, join(shop, 'node_modules', '@medusajs', 'dashboard'), 'dir');
    const shared = ['@medusajs/admin-shared', '@medusajs/admin-sdk', '@medusajs/ui'];
    for (const name of ['react', 'react-dom', ...shared]) {
      // This package's own (dev) dependencies, the versions its bundle was built against.
      const at = realpathSync(join(packageRoot, 'node_modules', name));
      symlinkSync(at, join(shop, 'node_modules', name), 'dir');
    }
  }, 120_000);
  afterAll(() => rmSync(shop, { recursive: true, force: true }));

  it("is found by Medusa's plugin resolver as a packaged admin extension", async () => {
    const [plugin] = await getResolvedPlugins(shop, { plugins: ['@pickpost/medusa'] } as never);
    expect(plugin?.admin).toEqual({ type: 'package', resolve: '@pickpost/medusa/admin' });
  });

  it('loads as ES module and CommonJS, with the PickPost widget on the order page', async () => {
    const require = createRequire(join(shop, 'medusa-config.js'));
    const commonJs = require('@pickpost/medusa/admin') as AdminBundle;
    // The dashboard's Vite build imports it: the `import` condition, the ES module.
    const manifest = require('@pickpost/medusa/package.json') as {
      exports: Record<string, { import: { default: string } }>;
    };
    const esmPath = join(packageRoot, manifest.exports['./admin']!.import.default);
    const esm = (await import(pathToFileURL(esmPath).href)).default as AdminBundle;
    for (const bundle of [commonJs, esm]) {
      expect(bundle.routeModule.routes).toEqual([]);
      const [widget] = bundle.widgetModule.widgets;
      expect(bundle.widgetModule.widgets).toHaveLength(1);
      expect(widget?.zone).toEqual(['order.details.after']);
      // Rendered before its data request answers: the box, waiting.
      const html = renderToStaticMarkup(
        createElement(widget!.Component as never, { data: { id: 'order_1' } }),
      );
      expect(html).toContain('PickPost</h2>');
      expect(html).toContain('Loading…');
    }
  });

  it("is built into a Medusa application's admin dashboard, the widget in its bundle", () => {
    execFileSync(process.execPath, ['-e', HOST_ADMIN_BUILD], { cwd: shop, stdio: 'pipe' });
    const entry = readFileSync(join(shop, '.medusa', 'client', 'entry.jsx'), 'utf8');
    expect(entry).toContain('import plugin0 from "@pickpost/medusa/admin"');
    expect(entry).toContain('plugins={[plugin0]}');
    const assets = join(shop, 'build', 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    const withWidget = scripts.filter((name) => {
      const code = readFileSync(join(assets, name), 'utf8');
      return code.includes('order.details.after') && code.includes('PickPost ID: ');
    });
    expect(withWidget.length).toBeGreaterThan(0);
  }, 600_000);
});
