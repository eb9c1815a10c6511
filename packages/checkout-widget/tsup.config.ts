import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The element for bundlers (ESM) and the Node helper that locates the browser bundle.
    entry: { index: 'src/index.ts', bundle: 'src/bundle.ts' },
    format: ['esm'],
    // Two independent files: the Node helper must not import the element's code.
    splitting: false,
    removeNodeProtocol: false,
    dts: true,
    // Both builds run at once: keep the IIFE the other one writes.
    clean: ['!pickpost-widget.js', '!pickpost-widget-map.js'],
    sourcemap: true,
    platform: 'node',
    // The element's syntax for the browsers the script bundle serves; `node:` imports kept.
    target: ['es2020', 'node20'],
  },
  {
    // The file a shop serves in a <script> tag: registers <pickpost-point-picker> on load. No
    // source map, so the browser asks the server for no file it does not serve.
    entry: { 'pickpost-widget': 'src/register.ts' },
    format: ['iife'],
    platform: 'browser',
    // Shoppers' browsers lag: ES2020 still runs on Safari 14, and private fields cost ~0.6 KB.
    target: 'es2020',
    minify: true,
    outExtension: () => ({ js: '.js' }),
  },
  {
    // The map, loaded only when a shopper opens it: Leaflet and its CSS inlined, a classic script.
    entry: { 'pickpost-widget-map': 'src/map-register.ts' },
    format: ['iife'],
    platform: 'browser',
    target: 'es2020',
    minify: true,
    noExternal: ['leaflet'],
    loader: { '.css': 'text' },
    outExtension: () => ({ js: '.js' }),
  },
]);
