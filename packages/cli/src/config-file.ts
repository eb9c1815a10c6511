import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { IntegrationConfig, StateStore, ValidationIssue } from '@pickpost/core';
import {
  ConfigError,
  createMemoryStateStore,
  isConfigError,
  isSecretFieldName,
  parseIntegrationConfig,
} from '@pickpost/core';
import type { ParseError } from 'jsonc-parser';
import { parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';

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

/**
 * The store section. A relative SQLite file name means a file beside the configuration, not in
 * whichever folder the command happens to run in.
 */
function readStoreConfig(
  value: unknown,
  configDir: string,
  issues: ValidationIssue[],
): StoreConfig {
  if (value === undefined) return { type: 'sqlite', filename: resolve(configDir, 'pickpost.db') };
  const store = value as Partial<Record<string, unknown>>;
  if (store.type === 'memory') return { type: 'memory' };
  if (store.type === 'sqlite' && typeof store.filename === 'string' && store.filename !== '') {
    return {
      type: 'sqlite',
      filename: store.filename === ':memory:' ? ':memory:' : resolve(configDir, store.filename),
    };
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

async function readConfigText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file (pickpost init writes a starting one)'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (code ?? 'unreadable');
    throw new ConfigError([
      {
        path: '',
        message: `cannot read the configuration file ${path}: ${reason}`,
        code: 'unreadable',
      },
    ]);
  }
}

/** Line and column (both from 1) of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Parses the file as JSON with comments (JSONC: `//` and `/* *\/` comments, trailing commas), so
 * the commented file `pickpost init` writes can be kept as it is. A syntax error names the line
 * and column of the first problem.
 */
function parseConfigText(text: string, path: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const [first] = errors;
  if (first !== undefined) {
    const { line, column } = lineAndColumn(text, first.offset);
    throw new ConfigError([
      {
        path: '',
        message: `${path}:${line}:${column}: not valid JSON (${printParseErrorCode(first.error)})`,
        code: 'invalid_json',
      },
    ]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([
      { path: '', message: `${path} must hold a JSON object`, code: 'invalid_json' },
    ]);
  }
  return raw as Record<string, unknown>;
}

/**
 * A relative DataTransfer folder means a folder beside the configuration file, as for the
 * SQLite file: the same file must work from any folder the command is run in.
 */
function besideConfig(integration: Record<string, unknown>, configDir: string): void {
  const dataTransfer = integration.dataTransfer as
    | { transport?: Record<string, unknown> }
    | undefined;
  const transport = dataTransfer?.transport;
  if (
    transport?.type === 'directory' &&
    typeof transport.dir === 'string' &&
    transport.dir !== ''
  ) {
    transport.dir = resolve(configDir, transport.dir);
  }
  // Swiss Post's XSD and samples, like the outbox directory, are found beside the file.
  const check = (dataTransfer as { check?: Record<string, unknown> } | undefined)?.check;
  for (const key of ['xsd', 'samples']) {
    const value = check?.[key];
    if (check !== undefined && typeof value === 'string' && value !== '')
      check[key] = resolve(configDir, value);
  }
}

/**
 * `"variant": "2"` in a file is almost always a quoted number; TypeScript callers may pass the
 * string, but a file should say what the documentation shows, so the slip is named.
 */
function stringVariantIssue(variant: unknown): ValidationIssue | undefined {
  if (typeof variant !== 'string' || !/^\s*[123]\s*$/.test(variant)) return undefined;
  const number = variant.trim();
  return {
    path: 'variant',
    message: `must be the number ${number}, not the string "${variant}": write "variant": ${number} (only "4a" and "4b" are strings)`,
    code: 'variant_as_string',
  };
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
  const text = await readConfigText(path);
  const raw = parseConfigText(text, path);
  const issues: ValidationIssue[] = [];
  const secrets: string[] = [];
  const { store: storeValue, ...integration } = resolveEnvironment(
    raw,
    env,
    [],
    issues,
    secrets,
  ) as Record<string, unknown>;
  const store = readStoreConfig(storeValue, dirname(path), issues);
  besideConfig(integration, dirname(path));
  const variantHint = stringVariantIssue(integration.variant);
  if (variantHint !== undefined) issues.push(variantHint);
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
