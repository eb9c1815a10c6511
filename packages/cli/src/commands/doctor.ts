import type { AuthorisedService, IntegrationConfig, PostClient } from '@pickpost/core';
import {
  createPostClient,
  dataTransferTransport,
  isConfigError,
  postClientOptions,
  VARIANT_PLANS,
} from '@pickpost/core';
import { loadCliConfig, openStore } from '../config-file';
import { errorText } from '../output/error-text';

interface Check {
  name: string;
  run: () => Promise<string>;
}

/** Asks the Barcode web service whether these credentials may print for the licence; creates nothing. */
async function probeLicence(config: IntegrationConfig, post: PostClient): Promise<string> {
  const { status, codes } = await post.barcode.probeLicence({
    frankingLicense: config.frankingLicense,
    sender: config.sender,
  });
  switch (status) {
    case 'authorised':
      return `licence ${config.frankingLicense} is authorised for client ${config.post?.clientId}`;
    case 'not-authorised':
      throw new Error(
        `franking licence ${config.frankingLicense} is not authorised for client ${config.post?.clientId} (E2010): ask Swiss Post to link them`,
      );
    case 'invalid':
      throw new Error(
        `franking licence ${config.frankingLicense} is refused (${codes.join(', ')}): check its digits`,
      );
    default:
      throw new Error(
        `Swiss Post's answer did not tell whether licence ${config.frankingLicense} is authorised (${codes.join(', ') || 'no code'})`,
      );
  }
}

/**
 * `pickpost doctor --config <file>`: checks the configuration, the credentials against the
 * token endpoint (each scope the variant needs), the franking licence, SFTP reachability and the
 * pinned host key, and that the store is writable. Prints one line per check and exits non-zero
 * naming what to fix.
 */
export async function runDoctor(path: string, print: (line: string) => void): Promise<number> {
  let loaded: Awaited<ReturnType<typeof loadCliConfig>>;
  try {
    loaded = await loadCliConfig(path);
  } catch (error) {
    print(`✖ configuration (${path})`);
    if (isConfigError(error))
      for (const issue of error.issues) print(`    ${issue.path || path}: ${issue.message}`);
    else print(`    ${errorText(error)}`);
    print('\nFix the configuration and run pickpost doctor again.');
    return 1;
  }
  const { config, store, secrets } = loaded;
  const plan = VARIANT_PLANS[config.variant];
  print(`✔ configuration: variant ${config.variant} (${plan.summary})`);

  const checks: Check[] = [];
  // One client for every check, so a scope's token is fetched once, as in the shop.
  const post = createPostClient({
    ...postClientOptions(config),
    retry: { attempts: 2, maxTotalMs: 15_000 },
  });
  const services: AuthorisedService[] = [];
  if (plan.pickpostWebService) services.push('pickpost');
  if (plan.barcode === 'barcode-webservice') services.push('barcode');
  for (const service of services) {
    checks.push({
      name: `credentials for the ${service === 'pickpost' ? 'PickPost' : 'Barcode'} web service`,
      run: async () => {
        await post.authorise(service);
        return `token issued to ${config.post?.clientId}`;
      },
    });
  }
  if (plan.barcode === 'barcode-webservice')
    checks.push({ name: 'franking licence', run: () => probeLicence(config, post) });
  else
    checks.push({
      name: 'franking licence',
      run: async () =>
        `licence ${config.frankingLicense} (self-generated identcodes 99${config.frankingLicense}…)`,
    });
  const delivery = dataTransferTransport(config);
  if (delivery !== undefined) {
    checks.push({
      name:
        config.dataTransfer?.transport.type === 'sftp'
          ? 'DataTransfer SFTP server and host key'
          : 'DataTransfer directory',
      run: async () => {
        const session = await delivery.open();
        await session.close();
        return `reachable: ${delivery.description}`;
      },
    });
  }
  checks.push({
    name: `store (${store.type})`,
    run: async () => {
      const opened = await openStore(store);
      try {
        const key = `pickpost:doctor:${process.pid}:${Date.now()}`;
        await opened.putIfAbsent(key, 'ok');
        await opened.delete(key);
      } finally {
        await opened.close();
      }
      return 'writable';
    },
  });

  let failed = 0;
  for (const check of checks) {
    try {
      print(`✔ ${check.name}: ${await check.run()}`);
    } catch (error) {
      failed += 1;
      print(`✖ ${check.name}: ${errorText(error, secrets)}`);
    }
  }
  print(
    failed === 0
      ? '\nAll checks passed.'
      : `\n${failed} check${failed === 1 ? '' : 's'} failed: fix the lines marked ✖.`,
  );
  return failed === 0 ? 0 : 1;
}
