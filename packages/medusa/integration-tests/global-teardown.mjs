// Stops what global-setup.mjs started.
// biome-ignore lint/style/noDefaultExport: Jest loads the default export of a global setup file.
export default async function globalTeardown() {
  await globalThis.__pickpostMedusaTeardown?.();
}
