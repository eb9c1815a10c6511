import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IntegrationConfig, StateStore } from '@pickpost/core';
import { isConfigError, isPostApiError, itemNumberAllocator, VARIANT_PLANS } from '@pickpost/core';
import { dataTransferTransport } from '@pickpost/core/datatransfer';
import type { AuthorisedService, PostClient } from '@pickpost/core/post';
import { createPostClient, postClientOptions } from '@pickpost/core/post';
import { loadCliConfig, openStore } from '../config-file';
import { CONFIG_DOCS_URL } from '../output/docs-link';
import { errorText } from '../output/error-text';
import { checkDataTransferFiles } from './datatransfer-check';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

interface Check {
  name: string;
  run: () => Promise<string>;
}

const NO_SAFE_LICENCE_CHECK =
  'not checked with Swiss Post: no request can check a licence without the risk of making a real label; `pickpost doctor --specimen` asks Swiss Post for one SPECIMEN label';

/**
 * `--specimen`: one label request with `printPreview`, which Swiss Post answers with a label
 * marked SPECIMEN, addressed to the shop itself (a return label to its own return address).
 * Its item number comes from the shop's own allocator, so it can never collide with a parcel's;
 * E2010 means the credentials may not print for the licence.
 */
async function specimenLabel(
  config: IntegrationConfig,
  post: PostClient,
  openedStore: () => Promise<StateStore>,
): Promise<string> {
  const store = await openedStore();
  const itemNumber = await itemNumberAllocator(config, store).next();
  try {
    const { identcode } = await post.barcode.generateReturnLabel({
      orderRef: `doctor-specimen-${itemNumber}`,
      returnAddress: config.returns?.address ?? config.sender,
      sender: config.sender,
      frankingLicense: config.frankingLicense,
      parcel: { weightGrams: 1000, przl: ['ECO'] },
      label: { printPreview: true, format: 'pdf' },
      itemNumber,
    });
    return `licence ${config.frankingLicense} is authorised for client ${config.post?.clientId}: Swiss Post made SPECIMEN label ${identcode} (item number ${itemNumber} is used up)`;
  } catch (error) {
    if (isPostApiError(error) && error.postErrors.some((entry) => entry.code === 'E2010')) {
      throw new Error(
        `franking licence ${config.frankingLicense} is not authorised for client ${config.post?.clientId} (E2010): ask Swiss Post to link them`,
      );
    }
    throw error;
  }
}

/**
 * With `dataTransfer.check.xsd` configured: the onboarding check of `pickpost datatransfer
 * check`, quietly; its failure lists the elements that mismatch.
 */
function xsdCheck(
  config: IntegrationConfig,
  onboarding: { xsd: string; samples?: string | undefined },
): Check {
  return {
    name: `DataTransfer files against ${onboarding.xsd}`,
    run: async () => {
      const result = await checkDataTransferFiles(
        config,
        {
          xsd: onboarding.xsd,
          ...(onboarding.samples === undefined ? {} : { samples: onboarding.samples }),
        },
        () => undefined,
      );
      if (!result.ok) {
        throw new Error(
          `mismatches in ${[...result.mismatches.keys()].join(', ')}: run pickpost datatransfer check --config <file> for the report`,
        );
      }
      const samples = result.samples === 0 ? '' : `, ${result.samples} sample file(s) read`;
      return `a fresh file (${result.fileName}) validates${samples}`;
    },
  };
}

/**
 * `pickpost doctor --config <file> [--specimen]`: checks the configuration, the credentials
 * against the token endpoint (each scope the variant needs), SFTP reachability and the pinned
 * host key, and that the store is writable, and says what it did not check. Nothing it sends can
 * make a label or register a shipment; only `--specimen` asks the Barcode web service for one
 * SPECIMEN label. Prints one line per check and exits non-zero naming what to fix.
 */
export async function runDoctor(
  path: string,
  print: (line: string) => void,
  options: { specimen?: boolean } = {},
): Promise<number> {
  let loaded: Awaited<ReturnType<typeof loadCliConfig>>;
  try {
    loaded = await loadCliConfig(path);
  } catch (error) {
    print(`✖ configuration (${path})`);
    if (isConfigError(error))
      for (const issue of error.issues)
        print(`    ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`);
    else print(`    ${errorText(error)}`);
    print(
      `\nFix the configuration and run pickpost doctor again; it is described in ${CONFIG_DOCS_URL}`,
    );
    return 1;
  }
  const { config, store, secrets } = loaded;
  const plan = VARIANT_PLANS[config.variant];
  print(`✔ configuration: variant ${config.variant} (${plan.summary})`);

  const checks: Check[] = [];
  const unchecked: string[] = [];
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
  // The store is opened once, for the specimen's item number and for its own check.
  let opened: Promise<StateStore> | undefined;
  const openedStore = () => {
    opened ??= openStore(store);
    return opened;
  };
  if (plan.barcode === 'barcode-webservice' && options.specimen === true) {
    print(
      `→ --specimen: asking Swiss Post's Barcode web service (${post.endpoints.barcode}) for one SPECIMEN label`,
    );
    checks.push({
      name: 'franking licence (SPECIMEN label)',
      run: () => specimenLabel(config, post, openedStore),
    });
  } else if (plan.barcode === 'barcode-webservice') {
    unchecked.push(`franking licence ${config.frankingLicense}: ${NO_SAFE_LICENCE_CHECK}`);
  } else {
    unchecked.push(
      `franking licence ${config.frankingLicense}: not checked with Swiss Post (self-generated identcodes 99${config.frankingLicense}…; Swiss Post checks them when it homologates your labels)`,
    );
    if (options.specimen === true)
      unchecked.push(`--specimen: variant ${config.variant} calls no Barcode web service`);
  }
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
  const onboarding = config.dataTransfer?.check;
  if (onboarding !== undefined) checks.push(xsdCheck(config, onboarding));
  checks.push({
    name: `store (${store.type})`,
    run: async () => {
      if (store.type === 'sqlite' && opened === undefined && !(await exists(store.filename))) {
        // A check must not leave a database behind: a folder the file can be made in suffices.
        await access(dirname(store.filename), constants.W_OK);
        return `${store.filename} does not exist yet; its folder is writable, the first label creates it`;
      }
      const writable = await openedStore();
      const key = `pickpost:doctor:${process.pid}:${Date.now()}`;
      await writable.putIfAbsent(key, 'ok');
      await writable.delete(key);
      return 'writable';
    },
  });

  let failed = 0;
  try {
    for (const check of checks) {
      try {
        print(`✔ ${check.name}: ${await check.run()}`);
      } catch (error) {
        failed += 1;
        print(`✖ ${check.name}: ${errorText(error, secrets)}`);
      }
    }
  } finally {
    await opened?.then((store) => store.close()).catch(() => undefined);
  }
  for (const line of unchecked) print(`ℹ ${line}`);
  print(
    failed === 0
      ? '\nAll checks passed.'
      : `\n${failed} check${failed === 1 ? '' : 's'} failed: fix the lines marked ✖.`,
  );
  return failed === 0 ? 0 : 1;
}
