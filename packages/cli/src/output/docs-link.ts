import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The package's own README, which documents the configuration file: two folders up from
 * `src/output/` in a clone, one up from the bundled `dist/` in the published package (npm always
 * ships a README). A local file cannot 404, unlike a web address the project does not host yet.
 */
function readmeUrl(): URL {
  const candidates = ['../../README.md', '../README.md'].map(
    (path) => new URL(path, import.meta.url),
  );
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? (candidates[0] as URL);
}

/** Where the configuration file is documented, for the line under a configuration error. */
export const CONFIG_DOCS_URL = `${readmeUrl().href}#configuration-file`;
