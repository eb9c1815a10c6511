import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { IntegrationConfig, ValidationIssue } from '@pickpost/core';
import { ConfigError, isConfigError, parseIntegrationConfig } from '@pickpost/core';
import type { ParseError } from 'jsonc-parser';
import { parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';

/** Where the shared work lives: SQLite on one machine, Postgres for several processes. */
export type ServiceStoreConfig =
  | { type: 'sqlite'; filename: string }
  | { type: 'postgres'; connectionString: string; schema?: string | undefined }
  | { type: 'memory' };

const secret = z.string().min(16, 'must be at least 16 characters');

const WooSection = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be the shop URL (http or https)' }),
  consumerKey: z.string().regex(/^ck_/, 'must be a consumer key (ck_…)'),
  consumerSecret: z.string().regex(/^cs_/, 'must be a consumer secret (cs_…)'),
  /** A PEM file (beside the configuration when relative) with extra CAs to trust. */
  caFile: z.string().min(1).optional(),
  queryStringAuth: z.boolean().default(false),
  concurrency: z.number().int().min(1).max(16).default(4),
  timeoutSeconds: z.number().min(1).max(300).default(30),
});

const SyncSection = z.object({
  methodId: z.string().min(1).default('pickpost'),
  statuses: z.array(z.string().min(1)).min(1).default(['processing']),
  cancelStatuses: z.array(z.string().min(1)).default(['cancelled', 'refunded']),
  completeStatus: z.union([z.string().min(1), z.literal(false)]).default('completed'),
  holdStatus: z.union([z.string().min(1), z.literal(false)]).default('on-hold'),
  customerNote: z.boolean().default(false),
  /** How notes reach the shop: in the batch for the PickPost plugin, or one request each. */
  notes: z.enum(['auto', 'plugin', 'rest']).default('auto'),
  shipmentTracking: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  weightUnit: z.enum(['kg', 'g', 'lbs', 'oz']).default('kg'),
  defaultWeightGrams: z.number().int().min(1).optional(),
  pollIntervalSeconds: z.number().min(1).default(60),
  debounceSeconds: z.number().min(0).default(2),
  flushIntervalSeconds: z.number().min(10).default(300),
  batchSize: z.number().int().min(1).max(100).default(100),
  leaseSeconds: z.number().min(2).default(30),
  shop: z.string().min(1).default('default'),
});

const ServiceSection = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(8787),
  /** How the shop reaches the service (webhook delivery URL, label links). */
  publicUrl: z.url({ protocol: /^https?$/ }),
  webhookSecret: secret,
  /** Bearer token of the admin routes (labels, bulk labels). */
  adminToken: secret,
  /** The secret the WordPress plugin signs its customer headers with. */
  sharedSecret: secret,
  bodyLimitBytes: z
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
});

export type WooSettings = z.infer<typeof WooSection>;
export type SyncSettings = z.infer<typeof SyncSection>;
export type ServiceSettings = z.infer<typeof ServiceSection>;

export interface ServiceConfig {
  pickpost: IntegrationConfig;
  store: ServiceStoreConfig;
  woocommerce: WooSettings & { ca?: string | undefined };
  sync: SyncSettings;
  service: ServiceSettings;
  /** Every secret value the file resolved, for redacting output. */
  secrets: string[];
}

const ENV = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** `"env:NAME"` values become the variable's value; a missing variable is an issue by name. */
function resolveEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: string,
  issues: ValidationIssue[],
  secrets: string[],
): unknown {
  if (typeof value === 'string') {
    const name = ENV.exec(value)?.[1];
    if (name === undefined) return value;
    const found = env[name];
    if (found === undefined || found === '') {
      issues.push({
        path,
        message: `environment variable ${name} is not set`,
        code: 'missing_env',
      });
      return undefined;
    }
    secrets.push(found);
    return found;
  }
  if (Array.isArray(value))
    return value.map((item, index) => resolveEnv(item, env, `${path}[${index}]`, issues, secrets));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        resolveEnv(field, env, path === '' ? key : `${path}.${key}`, issues, secrets),
      ]),
    );
  return value;
}

function section<T extends z.ZodType>(
  schema: T,
  value: unknown,
  name: string,
  issues: ValidationIssue[],
): z.infer<T> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    issues.push({
      path: [name, ...issue.path.map(String)].join('.'),
      message: issue.message,
      code: issue.code,
    });
  }
  return undefined;
}

function storeOf(value: unknown, dir: string, issues: ValidationIssue[]): ServiceStoreConfig {
  const store = (value ?? { type: 'sqlite', filename: 'pickpost.db' }) as Record<string, unknown>;
  if (store.type === 'memory') return { type: 'memory' };
  if (store.type === 'sqlite' && typeof store.filename === 'string' && store.filename !== '')
    return { type: 'sqlite', filename: resolve(dir, store.filename) };
  if (store.type === 'postgres' && typeof store.connectionString === 'string')
    return {
      type: 'postgres',
      connectionString: store.connectionString,
      schema: typeof store.schema === 'string' ? store.schema : undefined,
    };
  issues.push({
    path: 'store',
    message: 'must be {"type":"sqlite","filename":…}, {"type":"postgres",…} or {"type":"memory"}',
    code: 'invalid_store',
  });
  return { type: 'memory' };
}

function parseText(text: string, path: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first !== undefined) {
    const line = text.slice(0, first.offset).split('\n').length;
    const message = `${path}:${line}: not valid JSON (${printParseErrorCode(first.error)})`;
    throw new ConfigError([{ path: '', message, code: 'invalid_json' }]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError([
      { path: '', message: `${path} must hold an object`, code: 'invalid_json' },
    ]);
  return raw as Record<string, unknown>;
}

/**
 * Reads the service's configuration file (`shop.json`, JSON with comments): `pickpost` (the
 * `@pickpost/core` configuration), `store`, `woocommerce`, `sync` and `service`. Secrets are
 * written `"env:NAME"` and read from the environment; relative paths mean beside the file.
 * Every problem is reported at once as a `ConfigError` naming settings, never values.
 *
 * @example
 * const config = await loadServiceConfig('/etc/pickpost/shop.json');
 */
export async function loadServiceConfig(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const message = `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code}`;
    throw new ConfigError([{ path: '', message, code: 'unreadable' }]);
  }
  const issues: ValidationIssue[] = [];
  const secrets: string[] = [];
  const raw = resolveEnv(parseText(text, path), env, '', issues, secrets) as Record<
    string,
    unknown
  >;
  const dir = dirname(path);
  const pickpostRaw = (raw.pickpost ?? {}) as Record<string, unknown>;
  const transport = (
    pickpostRaw.dataTransfer as { transport?: Record<string, unknown> } | undefined
  )?.transport;
  if (transport?.type === 'directory' && typeof transport.dir === 'string')
    transport.dir = resolve(dir, transport.dir);
  let pickpost: IntegrationConfig | undefined;
  try {
    pickpost = parseIntegrationConfig(pickpostRaw);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...issue, path: `pickpost.${issue.path}` })));
  }
  const store = storeOf(raw.store, dir, issues);
  const woocommerce = section(WooSection, raw.woocommerce, 'woocommerce', issues);
  const sync = section(SyncSection, raw.sync, 'sync', issues);
  const service = section(ServiceSection, raw.service, 'service', issues);
  for (const key of Object.keys(raw))
    if (!['pickpost', 'store', 'woocommerce', 'sync', 'service', '$schema'].includes(key))
      issues.push({ path: key, message: 'is not a setting', code: 'unknown_setting' });
  if (issues.length > 0 || !pickpost || !woocommerce || !sync || !service)
    throw new ConfigError(issues);
  let ca: string | undefined;
  if (woocommerce.caFile !== undefined)
    ca = await readFile(resolve(dir, woocommerce.caFile), 'utf8');
  return { pickpost, store, woocommerce: { ...woocommerce, ca }, sync, service, secrets };
}
