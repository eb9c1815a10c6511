import { resolve } from 'node:path';
import type { Logger, StateStore } from '@pickpost/core';
import { createMemoryStateStore, createRedactingLogger, redactSecrets } from '@pickpost/core';
import type { WooService } from './service';
import { createWooService } from './service';
import type { ServiceConfig, ServiceStoreConfig } from './service-config';
import { loadServiceConfig } from './service-config';

/** Where a command writes: results to `out`, problems and progress to `err`. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether `err` is a terminal (progress lines are shown only then). */
  errIsTty?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * A path the user typed, from the folder they typed it in: pnpm runs scripts elsewhere and
 * keeps that folder in `INIT_CWD`.
 *
 * @example
 * userPath('shop.json', process.env); // '/home/me/shop/shop.json'
 */
export function userPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.INIT_CWD !== undefined && env.INIT_CWD !== '' ? env.INIT_CWD : process.cwd();
  return resolve(base, path);
}

/** Opens the configured store; the SQLite and Postgres packages load only when used. */
export async function openStore(store: ServiceStoreConfig): Promise<StateStore> {
  if (store.type === 'memory') return createMemoryStateStore();
  if (store.type === 'sqlite') {
    const { createSqliteStateStore } = await import('@pickpost/store-sqlite');
    return createSqliteStateStore({ filename: store.filename });
  }
  const { createPostgresStateStore } = await import('@pickpost/store-postgres');
  return createPostgresStateStore({
    connectionString: store.connectionString,
    ...(store.schema === undefined ? {} : { schema: store.schema }),
  });
}

/** JSON lines on stderr, every secret of the configuration redacted. */
export function stderrLogger(io: CliIo, secrets: readonly string[]): Logger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    io.err(JSON.stringify({ level, message, ...fields }));
  return createRedactingLogger(
    { debug: () => {}, info: line('info'), warn: line('warn'), error: line('error') },
    secrets,
  );
}

/**
 * Runs `use` with the service of a configuration file and closes everything after. A failure
 * leaves with its message redacted with the file's secret values (and no `cause`).
 *
 * @example
 * await withService('shop.json', io, ({ service }) => service.sync.runOnce());
 */
export async function withService<T>(
  configPath: string,
  io: CliIo,
  use: (context: {
    service: WooService;
    config: ServiceConfig;
    store: StateStore;
    logger: Logger;
  }) => Promise<T>,
  options: { widget?: boolean } = {},
): Promise<T> {
  const config = await loadServiceConfig(userPath(configPath, io.env), io.env);
  const logger = stderrLogger(io, config.secrets);
  try {
    const store = await openStore(config.store);
    try {
      const service = await createWooService(config, {
        store,
        logger,
        widget: options.widget ?? false,
      });
      try {
        return await use({ service, config, store, logger });
      } finally {
        service.close();
      }
    } finally {
      await store.close();
    }
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(redactSecrets(text, config.secrets));
  }
}
