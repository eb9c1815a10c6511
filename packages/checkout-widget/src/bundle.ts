import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the browser bundle `dist/pickpost-widget.js`: a classic script that defines
 * `<pickpost-point-picker>` when loaded. A server reads it and serves it, e.g. at
 * `/pickpost/widget.js`, so shops need no bundler.
 *
 * @example
 * import { widgetBundlePath } from '@pickpost/checkout-widget/bundle';
 * res.sendFile(widgetBundlePath);
 */
// `../dist/` is right from both `src/` (the source condition) and `dist/` (the build).
export const widgetBundlePath: string = join(
  dirname(fileURLToPath(import.meta.url)),
  '../dist/pickpost-widget.js',
);

/**
 * Absolute path of `dist/pickpost-widget-map.js`, the optional map view (Leaflet inside, about
 * 50 KB gzipped). Serve it and name its URL in the picker's `map-script` attribute; the picker
 * loads it only when a shopper opens the map.
 *
 * @example
 * import { mapBundlePath } from '@pickpost/checkout-widget/bundle';
 * app.get('/pickpost/widget-map.js', (req, res) => res.sendFile(mapBundlePath));
 */
export const mapBundlePath: string = join(
  dirname(fileURLToPath(import.meta.url)),
  '../dist/pickpost-widget-map.js',
);

/**
 * The browser bundle's text. Fails with a hint to build the package when it has not been built
 * (only possible when running this repository from source).
 *
 * @example
 * const script = await readWidgetBundle();
 * new Response(script, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
 */
export async function readWidgetBundle(): Promise<string> {
  try {
    return await readFile(widgetBundlePath, 'utf8');
  } catch (cause) {
    throw new Error(
      `The PickPost widget bundle ${widgetBundlePath} is missing: run \`pnpm --filter @pickpost/checkout-widget build\``,
      { cause },
    );
  }
}
