import { readFile } from 'node:fs/promises';
import type { IntegrationConfig, StateStore, ValidationIssue } from '@pickpost/core';
import {
  ConfigError,
  createMemoryStateStore,
  isConfigError,
  isSecretFieldName,
  parseIntegrationConfig,
} from '@pickpost/core';

/** Where the CLI keeps state: the same stores a shop uses. */
export type StoreConfig =
  | { type: 'sqlite'; filename: string }
  | { type: 'postgres'; connectionString: string; schema?: string }
  | { type: 'memory' };

export interface CliConfig {
  config: IntegrationConfig;
  store: StoreConfig;
  /** Every secret the file held (after environment substitution), for redaction. */
  secrets: string[];
}

const ENV_REFERENCE = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Whether the setting at `path` holds a secret. `post.baseUrls.token` is named like one but is
 * the token endpoint's address, which error messages must still show.
 */
function isSecretSetting(path: readonly string[]): boolean {
  return path.at(-2) !== 'baseUrls' && isSecretFieldName(path.at(-1) ?? '');
}

/**
 * Replaces `"env:NAME"` values with the environment variable NAME, so secrets stay out of the
 * file; a missing variable is an issue naming the setting and the variable (never its value).
 */
function resolveEnvironment(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: string[],
  issues: ValidationIssue[],
  secrets: string[],
): unknown {
  if (typeof value === 'string') {
    const match = ENV_REFERENCE.exec(value);
    const resolved = match?.[1] === undefined ? value : env[match[1]];
    if (match?.[1] !== undefined && (resolved === undefined || resolved === '')) {
      issues.push({
        path: path.join('.'),
        message: `environment variable ${match[1]} is not set`,
        code: 'missing_env',
      });
      return undefined;
    }
    if (resolved !== undefined && isSecretSetting(path)) secrets.push(resolved);
    return resolved;
  }
  if (Array.isArray(value))
    return value.map((item, index) =>
      resolveEnvironment(item, env, [...path, String(index)], issues, secrets),
    );
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        resolveEnvironment(field, env, [...path, key], issues, secrets),
      ]),
    );
  }
  return value;
}

function readStoreConfig(value: unknown, issues: ValidationIssue[]): StoreConfig {
  if (value === undefined) return { type: 'sqlite', filename: './pickpost.db' };
  const store = value as Partial<Record<string, unknown>>;
  if (store.type === 'memory') return { type: 'memory' };
  if (store.type === 'sqlite' && typeof store.filename === 'string' && store.filename !== '') {
    return { type: 'sqlite', filename: store.filename };
  }
  if (
    store.type === 'postgres' &&
    typeof store.connectionString === 'string' &&
    store.connectionString !== ''
  ) {
    return {
      type: 'postgres',
      connectionString: store.connectionString,
      ...(typeof store.schema === 'string' ? { schema: store.schema } : {}),
    };
  }
  issues.push({
    path: 'store',
    message:
      'must be { "type": "sqlite", "filename": … }, { "type": "postgres", "connectionString": … } or { "type": "memory" }',
    code: 'invalid_store',
  });
  return { type: 'memory' };
}

/**
 * Reads a `pickpost` configuration file: the integration configuration of `@pickpost/core`
 * plus a `store` section, with `"env:NAME"` for secrets. Every problem is reported at once as a
 * `ConfigError`; no secret value ever appears in it.
 *
 * @example
 * const { config, store } = await loadCliConfig('pickpost.json');
 */
export async function loadCliConfig(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError([
      { path: '', message: `cannot read the configuration file ${path}`, code: 'unreadable' },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError([
      { path: '', message: `${path} is not valid JSON`, code: 'invalid_json' },
    ]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([
      { path: '', message: `${path} must hold a JSON object`, code: 'invalid_json' },
    ]);
  }
  const issues: ValidationIssue[] = [];
  const secrets: string[] = [];
  const { store: storeValue, ...integration } = resolveEnvironment(
    raw,
    env,
    [],
    issues,
    secrets,
  ) as Record<string, unknown>;
  const store = readStoreConfig(storeValue, issues);
  let config: IntegrationConfig | undefined;
  try {
    config = parseIntegrationConfig(integration);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    issues.push(
      ...error.issues.filter((issue) => !issues.some((known) => known.path === issue.path)),
    );
  }
  if (issues.length > 0 || config === undefined) throw new ConfigError(issues);
  return { config, store, secrets };
}

/** Opens the configured store; the SQLite and Postgres packages are loaded only when used. */
export async function openStore(store: StoreConfig): Promise<StateStore> {
  switch (store.type) {
    case 'memory':
      return createMemoryStateStore();
    case 'sqlite': {
      const { createSqliteStateStore } = await import('@pickpost/store-sqlite');
      return createSqliteStateStore({ filename: store.filename });
    }
    case 'postgres': {
      const { createPostgresStateStore } = await import('@pickpost/store-postgres');
      return createPostgresStateStore({
        connectionString: store.connectionString,
        ...(store.schema === undefined ? {} : { schema: store.schema }),
      });
    }
  }
}
