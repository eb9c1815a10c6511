import type { Variant } from '@pickpost/core';
import { VARIANT_PLANS } from '@pickpost/core';

/** The variants `pickpost init --variant` accepts, as typed on the command line. */
export const INIT_VARIANTS = ['1', '2', '3', '4a', '4b'] as const;
export type InitVariant = (typeof INIT_VARIANTS)[number];

function variantValue(variant: InitVariant): Variant {
  return variant === '4a' || variant === '4b' ? variant : (Number(variant) as 1 | 2 | 3);
}

/**
 * A commented starting `pickpost.json` for one variant (JSON with comments, which the CLI
 * reads). Only the settings the variant uses appear, so the file shows what must be filled in;
 * secrets are `env:` references, so the file can be committed. Built from `VARIANT_PLANS`, the
 * same table the configuration is validated against, so it cannot ask for a setting the variant
 * refuses.
 *
 * @example
 * await writeFile('pickpost.json', initTemplate('2'), { flag: 'wx' });
 */
export function initTemplate(variant: InitVariant): string {
  const plan = VARIANT_PLANS[variantValue(variant)];
  const usesWebServices = plan.pickpostWebService || plan.barcode === 'barcode-webservice';
  const lines = [
    `// pickpost configuration, variant ${variant}: ${plan.summary}.`,
    '// JSON with comments. Secrets are "env:NAME": read from the environment variable NAME.',
    '// Check it with: pnpm pickpost doctor --config pickpost.json',
    '{',
    `  "variant": ${JSON.stringify(variantValue(variant))},`,
    '  // Your franking licence (8 digits, from your Swiss Post contract).',
    '  "frankingLicense": "60000000",',
    '  // The shop as sender, printed on every label (25 characters a line at most).',
    '  "sender": {',
    '    "name1": "Your Shop AG",',
    '    "street": "Examplestrasse 1",',
    '    "zip": "3000",',
    '    "city": "Bern"',
    '  },',
  ];
  if (usesWebServices) {
    lines.push(
      '  // Credentials of the Digital Commerce API, from Swiss Post.',
      '  "post": {',
      '    "clientId": "env:POST_CLIENT_ID",',
      '    "clientSecret": "env:POST_CLIENT_SECRET"',
      '    // Production by default; for the mock Post server or a test system, e.g.:',
      '    // "baseUrls": { "token": "https://…", "pickpost": "https://…", "barcode": "https://…" }',
      '  },',
    );
  }
  if (plan.shipmentData === 'datatransfer') {
    lines.push(
      '  // Shipment data goes to Swiss Post as DataTransfer files. Start with a folder; for',
      '  // delivery use { "type": "sftp", "host": …, "username": …, "password": "env:…",',
      '  //   "hostKeySha256": "SHA256:…" } with the key `ssh-keygen -lf` shows for the server.',
      '  "dataTransfer": {',
      '    "transport": { "type": "directory", "dir": "./outbox" }',
      '  },',
    );
  }
  lines.push(
    '  // Signs checkout selections: at least 32 characters (openssl rand -hex 32).',
    '  "selectionSecret": "env:PICKPOST_SELECTION_SECRET",',
    '  // Where the CLI keeps item numbers and queued data. A relative file is beside this file;',
    '  // or { "type": "postgres", "connectionString": "env:DATABASE_URL" }.',
    '  "store": { "type": "sqlite", "filename": "pickpost.db" }',
    '}',
    '',
  );
  return lines.join('\n');
}
