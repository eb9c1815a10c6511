import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { DEMO_CLIENT } from '@pickpost/mock-post-server';
import type { MockWooCommerce } from '@pickpost/mock-woocommerce';
import { DEMO_KEYS } from '@pickpost/mock-woocommerce';
import { VELO_SHOP } from '@pickpost/test-utils/fixtures';
import type { SyncChild } from './child-runner';
import { spawnScript } from './child-runner';
import { SELECTION_SECRET } from './journey-kit';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(packageDir, 'node_modules', '.bin', 'tsx');
const bin = join(packageDir, 'src', 'bin.ts');

/** The secrets the configuration reads from the environment. */
export const SECRETS_ENV = {
  WOO_CONSUMER_KEY: DEMO_KEYS.readWrite.consumerKey,
  WOO_CONSUMER_SECRET: DEMO_KEYS.readWrite.consumerSecret,
  PICKPOST_CLIENT_SECRET: DEMO_CLIENT.clientSecret,
  PICKPOST_SELECTION_SECRET: SELECTION_SECRET,
  PICKPOST_WEBHOOK_SECRET: 'cli-webhook-secret-0123456789',
  PICKPOST_ADMIN_TOKEN: 'cli-admin-token-0123456789',
  PICKPOST_SHARED_SECRET: 'cli-shared-secret-0123456789',
};

/** A free loopback port (for `serve`, whose public URL must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Writes `shop.json` (relative store and DataTransfer paths: beside the file). */
export function writeConfig(
  dir: string,
  shop: MockWooCommerce,
  post: MockPostServer,
  port: number,
  extra: Record<string, unknown> = {},
): string {
  const file = join(dir, 'shop.json');
  const config = {
    // Comments and trailing commas are allowed (JSONC), as in the README's example.
    pickpost: {
      variant: '4b',
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      post: {
        clientId: DEMO_CLIENT.clientId,
        clientSecret: 'env:PICKPOST_CLIENT_SECRET',
        baseUrls: post.baseUrls,
      },
      selectionSecret: 'env:PICKPOST_SELECTION_SECRET',
      dataTransfer: { transport: { type: 'directory', dir: 'datatransfer' } },
    },
    store: { type: 'sqlite', filename: 'state.db' },
    woocommerce: {
      url: shop.url,
      consumerKey: 'env:WOO_CONSUMER_KEY',
      consumerSecret: 'env:WOO_CONSUMER_SECRET',
    },
    sync: { pollIntervalSeconds: 1, debounceSeconds: 0 },
    service: {
      port,
      publicUrl: `http://127.0.0.1:${port}`,
      webhookSecret: 'env:PICKPOST_WEBHOOK_SECRET',
      adminToken: 'env:PICKPOST_ADMIN_TOKEN',
      sharedSecret: 'env:PICKPOST_SHARED_SECRET',
    },
    ...extra,
  };
  writeFileSync(
    file,
    `// the test shop\n${JSON.stringify(config, null, 2).replace(/\n}$/, ',\n}')}\n`,
  );
  return file;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pickpost-woocommerce` as a child process with `INIT_CWD` set to `cwd`. */
export function runCliChild(
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined> = SECRETS_ENV,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['--conditions=@pickpost/source', bin, ...args],
      { cwd: packageDir, env: { ...childEnv(), ...env, INIT_CWD: cwd }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : Number((error as { code?: number }).code ?? 1),
          stdout,
          stderr,
        }),
    );
  });
}

function childEnv(): NodeJS.ProcessEnv {
  const { INIT_CWD: _ignored, ...env } = process.env;
  return env;
}

/** Starts `serve` and resolves once it says it listens; `output` collects what it printed. */
export async function startServe(configFile: string, cwd: string): Promise<SyncChild> {
  const served = spawnScript(bin, ['serve', '--config', configFile], {
    ...childEnv(),
    ...SECRETS_ENV,
    INIT_CWD: cwd,
  });
  const { child, output } = served;
  await waitFor(() => /webhooks: /.test(output()) || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`serve ended: ${output()}`);
  return served;
}

/** Waits until `condition` holds (checked every 50 ms), failing after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
