import type { IntegrationConfig, IntegrationConfigInput, StateStore } from '@pickpost/core';
import {
  ConfigError,
  isPickPostValidationError,
  parseIntegrationConfig,
  validate,
} from '@pickpost/core';
import * as z from 'zod';
import { DEFAULT_JOB_MINUTES } from './job-schedule';

/** One row of the weight price table: parcels up to `upToGrams` cost `amount` (CHF, major units). */
export interface PriceRow {
  upToGrams: number;
  amount: number;
}

/** Where the provider keeps item numbers, idempotency records and the DataTransfer outbox. */
export type StoreOption =
  | { type: 'postgres'; connectionString?: string; schema?: string }
  | { type: 'memory' }
  | StateStore;

/** What Medusa adds to a PickPost integration configuration. */
export interface MedusaExtras {
  /**
   * Weight price table, lightest row first: the first row whose `upToGrams` takes the cart's
   * weight gives the price. Without it only flat-priced shipping options work.
   */
  prices?: PriceRow[];
  /** The unit of the variants' `weight` in Medusa (default `g`). */
  weightUnit?: 'g' | 'kg';
  /** Durable state (default: Postgres in Medusa's own database, schema `pickpost`). */
  store?: StoreOption;
  /** Where the label route is mounted; `label_url` is this + `/<identcode>` (default `/admin/pickpost/labels`). */
  labelUrlBase?: string;
  /** Where the barcode route is mounted; `barcode_url` is this + `/<identcode>` (default `/admin/pickpost/barcodes`). */
  barcodeUrlBase?: string;
  /** Weight of a parcel whose items have no weight in Medusa, and of return parcels (default 2000 g). */
  defaultWeightGrams?: number;
  /** How often the plugin's scheduled jobs run (see {@link JobOptions}). */
  jobs?: JobOptions;
}

/**
 * The intervals of the scheduled jobs the plugin ships, in minutes (1–1440), or `false` to turn
 * a job off (for a job of the shop's own instead).
 */
export interface JobOptions {
  /** Delivering the DataTransfer outbox (variants 2 and 4b, and the fallback): default 15. */
  dataTransferEveryMinutes?: number | false;
  /** Fetching Swiss Post's DataTransfer reports, when `dataTransfer.reports` is set: default 60. */
  reportsEveryMinutes?: number | false;
}

/** The provider's options in `medusa-config.ts`: a PickPost integration configuration plus {@link MedusaExtras}. */
export type PickPostProviderOptions = IntegrationConfigInput & MedusaExtras;

/** The options once parsed: defaults filled in. */
export interface ParsedOptions {
  config: IntegrationConfig;
  prices: PriceRow[] | undefined;
  weightUnit: 'g' | 'kg';
  store: StoreOption;
  labelUrlBase: string;
  barcodeUrlBase: string;
  defaultWeightGrams: number;
  jobs: { dataTransferEveryMinutes: number | false; reportsEveryMinutes: number | false };
}

const isStateStore = (value: unknown): value is StateStore =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { get?: unknown }).get === 'function';

const PriceTableSchema = z
  .array(
    z.strictObject({
      upToGrams: z.number().int().positive('must be a weight in grams above 0'),
      amount: z.number().nonnegative('must be a price in CHF (major units, 9.5 = CHF 9.50)'),
    }),
  )
  .min(1, 'must have at least one row')
  .refine(
    (rows) => rows.every((row, i) => i === 0 || row.upToGrams > (rows[i - 1]?.upToGrams ?? 0)),
    'rows must go from the lightest to the heaviest upToGrams',
  );

const minutesOrOff = z.union([
  z.literal(false),
  z.number().int('must be whole minutes').min(1).max(1440, 'must be at most 1440 (a day)'),
]);

const ExtrasSchema = z.strictObject({
  prices: PriceTableSchema.optional(),
  weightUnit: z.enum(['g', 'kg']).default('g'),
  store: z
    .union([
      z.strictObject({
        type: z.literal('postgres'),
        connectionString: z.string().min(1).optional(),
        schema: z
          .string()
          .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
          .optional(),
      }),
      z.strictObject({ type: z.literal('memory') }),
      z.custom<StateStore>(isStateStore),
    ])
    .optional(),
  labelUrlBase: z.string().min(1).default('/admin/pickpost/labels'),
  barcodeUrlBase: z.string().min(1).default('/admin/pickpost/barcodes'),
  defaultWeightGrams: z.number().int().positive().max(30_000).default(2000),
  jobs: z
    .strictObject({
      dataTransferEveryMinutes: minutesOrOff.default(DEFAULT_JOB_MINUTES.dataTransfer),
      reportsEveryMinutes: minutesOrOff.default(DEFAULT_JOB_MINUTES.reports),
    })
    .prefault({}),
});

const EXTRA_KEYS = [
  'prices',
  'weightUnit',
  'store',
  'labelUrlBase',
  'barcodeUrlBase',
  'defaultWeightGrams',
  'jobs',
] as const;

/**
 * Splits and parses the provider options: the PickPost configuration with core's own schema,
 * the Medusa extras with theirs. Every problem is listed by field in one {@link ConfigError},
 * whose message never holds a configured value (so no secret).
 *
 * @example
 * const { config, prices } = parseProviderOptions(options);
 */
export function parseProviderOptions(input: unknown): ParsedOptions {
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const core: Record<string, unknown> = {};
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if ((EXTRA_KEYS as readonly string[]).includes(key)) extras[key] = value;
    else core[key] = value;
  }
  const issues = [];
  let config: IntegrationConfig | undefined;
  try {
    config = parseIntegrationConfig(core);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
  }
  let parsedExtras: z.output<typeof ExtrasSchema> | undefined;
  try {
    parsedExtras = validate(ExtrasSchema, extras, 'options');
  } catch (error) {
    if (!isPickPostValidationError(error)) throw error;
    issues.push(...error.issues);
  }
  if (config === undefined || parsedExtras === undefined) throw new ConfigError(issues);
  return {
    config,
    prices: parsedExtras.prices,
    weightUnit: parsedExtras.weightUnit,
    store: parsedExtras.store ?? { type: 'postgres' },
    labelUrlBase: parsedExtras.labelUrlBase.replace(/\/+$/, ''),
    barcodeUrlBase: parsedExtras.barcodeUrlBase.replace(/\/+$/, ''),
    defaultWeightGrams: parsedExtras.defaultWeightGrams,
    jobs: parsedExtras.jobs,
  };
}
