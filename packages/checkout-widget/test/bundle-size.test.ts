// @vitest-environment happy-dom
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { mapBundlePath, readWidgetBundle, widgetBundlePath } from '../src/bundle';

/** The budget for the script a checkout page loads. */
const GZIP_LIMIT = 15 * 1024;
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(): number {
  const src = join(packageDir, 'src');
  return Math.max(...readdirSync(src).map((file) => statSync(join(src, file)).mtimeMs));
}

// `pnpm test` builds first; run alone (`pnpm size`), this builds when the bundle is missing or
// older than the sources, so the size measured is the size of this code.
beforeAll(() => {
  if (existsSync(widgetBundlePath) && statSync(widgetBundlePath).mtimeMs >= newestSource()) return;
  const build = spawnSync('pnpm', ['exec', 'tsup'], { cwd: packageDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`tsup failed:\n${build.stdout}\n${build.stderr}`);
});

describe('the browser bundle', () => {
  it(`is at most ${GZIP_LIMIT / 1024} KB gzipped`, async () => {
    const code = await readWidgetBundle();
    const raw = Buffer.byteLength(code);
    const gzip = gzipSync(code).length;
    console.log(
      `pickpost-widget.js: ${raw} B raw, ${gzip} B gzip (limit ${GZIP_LIMIT} B, ${Math.round((gzip / GZIP_LIMIT) * 100)}%)`,
    );
    expect(gzip).toBeLessThanOrEqual(GZIP_LIMIT);
  });

  it('is a classic script that defines the element when it runs, and imports nothing', async () => {
    const code = await readWidgetBundle();
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toContain('sourceMappingURL');
    expect(customElements.get('pickpost-point-picker')).toBeUndefined();
    new Function(code)();
    // Loading it twice (script tag and bundler both) keeps the first definition, without throwing.
    new Function(code)();
    const element = document.createElement('pickpost-point-picker');
    expect(element.shadowRoot?.querySelector('[role=listbox]')).not.toBeNull();
  });

  it('leaves the map to its own script: no Leaflet in the main bundle', async () => {
    const code = await readWidgetBundle();
    expect(code).not.toMatch(/leaflet/i);
    const map = readFileSync(mapBundlePath, 'utf8');
    expect(map).toContain('pickpostPointMap');
    expect(map).toContain('.leaflet-container');
    console.log(`pickpost-widget-map.js: ${gzipSync(map).length} B gzip, loaded on demand`);
  });
});
