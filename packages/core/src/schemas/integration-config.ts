import * as z from 'zod';
import { DataTransferReportsConfigSchema } from '../datatransfer/reports/reports-config';
import { DataTransferCheckSchema, DataTransferFileSchema } from './datatransfer-file';
import { FrankingLicenseSchema } from './identifiers';
import { LabelOptionsSchema } from './label-options';
import { PrzlListSchema } from './parcel';
import { everyTime } from './refine';
import { SenderSchema } from './sender';
import { DEFAULT_TRACKING_URL_TEMPLATE } from './swiss-post-rules';
import { VARIANT_PLANS, VariantSchema } from './variants';

const requiredSecret = (what: string) =>
  z.string({ error: `must be the ${what}` }).min(1, `must be the ${what}`);

const HttpUrlSchema = z
  .string({ error: 'must be a URL' })
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL');

const CLIENT_ID = 'client ID from Swiss Post';
const CLIENT_SECRET = 'client secret from Swiss Post';

/**
 * Credentials and endpoints of the Swiss Post web services (Digital Commerce API). Base URLs
 * default to production; point them at the mock Post server for tests. The credentials are
 * required by every variant that calls a web service; variant 4b uses only the keyless location
 * search and may set just its endpoint, timeout and retries.
 */
export const PostApiConfigSchema = z.strictObject({
  clientId: requiredSecret(CLIENT_ID).optional(),
  clientSecret: requiredSecret(CLIENT_SECRET).optional(),
  /** Some 2025-era accounts also need the developer portal's subscription key [C]. */
  subscriptionKey: z.string().min(1).optional(),
  /**
   * Endpoints, production by default. `pickpostToken`: where the PickPost web service's tokens
   * come from (WEDEC's token endpoint by default, `token` when `pickpost` is set without it).
   */
  baseUrls: z
    .strictObject({
      token: HttpUrlSchema.optional(),
      pickpostToken: HttpUrlSchema.optional(),
      barcode: HttpUrlSchema.optional(),
      pickpost: HttpUrlSchema.optional(),
      locations: HttpUrlSchema.optional(),
      address: HttpUrlSchema.optional(),
    })
    .optional(),
  /**
   * OAuth scopes, when Swiss Post set up the account with others than the documented ones
   * (`DCAPI_BARCODE_READ`, `WEDEC_PICKPOST`, `DCAPI_ADDRESS_VALIDATE`).
   */
  scopes: z
    .strictObject({
      barcode: z.string().min(1).optional(),
      pickpost: z.string().min(1).optional(),
      address: z.string().min(1).optional(),
    })
    .optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(10).default(4),
      maxTotalMs: z.number().int().min(100).max(300_000).default(30_000),
    })
    .optional(),
});
export type PostApiConfig = z.infer<typeof PostApiConfigSchema>;

/**
 * An SFTP host key fingerprint, as `ssh-keygen -lf` prints it (`SHA256:` + base64) or as 64 hex
 * digits; normalised to lower-case hex. There is no "accept any key" setting: shipment data
 * goes only to the server the shop has pinned.
 */
export const HostKeySha256Schema = z
  .string({ error: 'must be the SFTP server key fingerprint (SHA256:…)' })
  .transform((value, ctx) => {
    const text = value.trim();
    if (/^[0-9a-f]{64}$/i.test(text)) return text.toLowerCase();
    const base64 = text.replace(/^SHA256:/i, '');
    const bytes = /^[A-Za-z0-9+/]{43}=?$/.test(base64) ? Buffer.from(base64, 'base64') : null;
    if (bytes?.length === 32) return bytes.toString('hex');
    ctx.addIssue({
      code: 'custom',
      message: 'must be a SHA-256 fingerprint: "SHA256:" + 43 base64 characters, or 64 hex digits',
      params: { code: 'invalid_fingerprint' },
    });
    return z.NEVER;
  });

export const DirectoryTransportConfigSchema = z.strictObject({
  type: z.literal('directory'),
  dir: z.string({ error: 'must be a directory path' }).min(1, 'must be a directory path'),
});

export const SftpTransportConfigSchema = z
  .strictObject({
    type: z.literal('sftp'),
    host: z.string({ error: 'must be the SFTP host' }).min(1, 'must be the SFTP host'),
    port: z.number().int().min(1).max(65_535).default(22),
    username: z.string({ error: 'must be the SFTP user' }).min(1, 'must be the SFTP user'),
    password: z.string().min(1).optional(),
    privateKey: z.string().min(1).optional(),
    passphrase: z.string().min(1).optional(),
    remoteDir: z.string().min(1).default('/'),
    hostKeySha256: HostKeySha256Schema,
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  })
  .check(
    everyTime((sftp, ctx) => {
      if ((sftp.password === undefined) === (sftp.privateKey === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['password'],
          message: 'give either password or privateKey',
          params: { code: 'sftp_credentials' },
        });
      }
    }),
  );

export const DataTransferConfigSchema = z.strictObject({
  transport: z.discriminatedUnion(
    'type',
    [DirectoryTransportConfigSchema, SftpTransportConfigSchema],
    {
      error: 'must be a directory or sftp transport',
    },
  ),
  /** Items per file. */
  maxPerFile: z.number().int().min(1).max(1_000_000).default(10_000),
  /** File name, namespace, root element, sidecar, encoding, PpFranking: see DataTransferFileSchema. */
  file: DataTransferFileSchema.optional(),
  /** Swiss Post's XSD and sample files; `pickpost doctor` checks written files against them. */
  check: DataTransferCheckSchema.optional(),
  /** Swiss Post's reports back to the shop (3, 7, 11): see datatransfer/reports. */
  reports: DataTransferReportsConfigSchema.optional(),
});
export type DataTransferConfig = z.infer<typeof DataTransferConfigSchema>;

/**
 * Swiss Post's parcel rule: an item number is not repeated within 30 days [V HB-EN p.8]. The
 * SDK waits 90 days by default, because pick@home refuses a number used within 90 days
 * [V DEV §9.3] and a shop cannot always tell which of its parcels end up there.
 */
export const DEFAULT_REUSE_AFTER_DAYS = 90;
/**
 * The shortest reuse period allowed (days): Swiss Post's own 30-day rule, so a shop cannot
 * configure a number to come back sooner.
 */
export const MIN_REUSE_AFTER_DAYS = 30;

/** Item numbers are 1–99,999,999: Swiss Post refuses 0 (E2011, outside the valid range) [§Z]. */
const ItemNumberSchema = z
  .number({ error: 'must be an item number from 1 to 99,999,999' })
  .int('must be an item number from 1 to 99,999,999')
  .min(1, 'must be at least 1: Swiss Post refuses item number 0 (E2011)')
  .max(99_999_999, 'must be at most 99,999,999 (8 digits)');

/** The range self-generated item numbers are drawn from, and how long a number stays used. */
export const ItemNumberConfigSchema = z
  .strictObject({
    from: ItemNumberSchema.default(1),
    to: ItemNumberSchema.default(99_999_999),
    /** See {@link DEFAULT_REUSE_AFTER_DAYS}; fewer than 30 days breaks Swiss Post's rule. */
    reuseAfterDays: z
      .number()
      .int()
      .min(
        MIN_REUSE_AFTER_DAYS,
        `must be at least ${MIN_REUSE_AFTER_DAYS} (Swiss Post: not repeated within 30 days)`,
      )
      .default(DEFAULT_REUSE_AFTER_DAYS),
  })
  .check(
    everyTime((range, ctx) => {
      if (range.from > range.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'must not be below from',
          params: { code: 'range_order' },
        });
      }
    }),
  );

const variantNeeds = (variant: string, what: string) =>
  `is required in variant ${variant}: ${what}`;

/**
 * The sender as a configuration file spells it: a misspelt key (`zipCode` for `zip`) is refused
 * here, where it can only be a typo, while label requests may still carry a shop's fuller address.
 */
const ConfiguredSenderSchema = SenderSchema.strict();

/**
 * The whole integration: which of Swiss Post's variants the shop uses and what that variant
 * needs. Validation says which field is missing for the chosen variant and refuses settings
 * the variant would silently ignore (DataTransfer in variant 3, a fallback in variant 2…).
 *
 * @example
 * const config = parseIntegrationConfig({
 *   variant: 2,
 *   frankingLicense: '60013217',
 *   sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
 *   post: { clientId: process.env.POST_CLIENT_ID, clientSecret: process.env.POST_CLIENT_SECRET },
 *   dataTransfer: { transport: { type: 'directory', dir: './outbox' } },
 *   selectionSecret: process.env.PICKPOST_SELECTION_SECRET,
 * });
 */
export const IntegrationConfigSchema = z
  .strictObject({
    variant: VariantSchema,
    frankingLicense: FrankingLicenseSchema,
    sender: ConfiguredSenderSchema,
    post: PostApiConfigSchema.optional(),
    dataTransfer: DataTransferConfigSchema.optional(),
    itemNumbers: ItemNumberConfigSchema.optional(),
    labels: LabelOptionsSchema.optional(),
    /** Signs checkout selections (HMAC-SHA256). Generate with `openssl rand -hex 32`. */
    selectionSecret: z
      .string({ error: 'must be a secret of at least 32 characters (openssl rand -hex 32)' })
      .min(32, 'must be at least 32 characters (openssl rand -hex 32)'),
    /** How long a signed selection stays valid: from checkout to the label, in days. */
    selectionTtlDays: z.number().int().min(1).max(365).default(30),
    language: z.enum(['de', 'fr', 'it', 'en']).default('de'),
    defaultPrzl: PrzlListSchema.default(['PRI']),
    returns: z
      .strictObject({
        address: ConfiguredSenderSchema.optional(),
        przl: PrzlListSchema.default(['ECO']),
      })
      .optional(),
    trackingUrlTemplate: z
      .string()
      .refine((value) => value.includes('{identcode}'), 'must contain {identcode}')
      .default(DEFAULT_TRACKING_URL_TEMPLATE),
    /**
     * Variants 1 and 4a only: when the Barcode web service stays unavailable after its retries,
     * make the label locally and send the shipment by DataTransfer instead.
     */
    fallback: z.literal('self-generated').optional(),
  })
  .check(
    everyTime((config, ctx) => {
      const plan = VARIANT_PLANS[config.variant];
      // A variant that failed its own check leaves nothing to compare the other settings with.
      if (plan === undefined) return;
      const variant = String(config.variant);
      const needsCredentials = plan.pickpostWebService || plan.barcode === 'barcode-webservice';
      if (needsCredentials && config.post !== undefined) {
        for (const [field, what] of [
          ['clientId', CLIENT_ID],
          ['clientSecret', CLIENT_SECRET],
        ] as const) {
          if (config.post[field] === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['post', field],
              message: `must be the ${what}`,
              params: { code: 'required' },
            });
          }
        }
      }
      if (needsCredentials && config.post === undefined) {
        const uses = [
          plan.pickpostWebService ? 'the PickPost web service' : '',
          plan.barcode === 'barcode-webservice' ? 'the Barcode web service' : '',
        ]
          .filter(Boolean)
          .join(' and ');
        ctx.addIssue({
          code: 'custom',
          path: ['post'],
          message: variantNeeds(variant, `it calls ${uses}, which need Swiss Post API credentials`),
          params: { code: 'required' },
        });
      }
      const needsDataTransfer =
        plan.shipmentData === 'datatransfer' || config.fallback !== undefined;
      if (needsDataTransfer && config.dataTransfer === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['dataTransfer'],
          message: variantNeeds(
            config.fallback !== undefined ? `${variant} with a fallback` : variant,
            'shipment data goes to Swiss Post by DataTransfer files',
          ),
          params: { code: 'required' },
        });
      }
      if (!needsDataTransfer && config.dataTransfer !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['dataTransfer'],
          message:
            plan.shipmentData === 'none'
              ? 'must be absent in variant 3: it sends no shipment data to Swiss Post'
              : `must be absent in variant ${variant}: the Barcode web service sends the shipment data (set fallback to use DataTransfer as a fallback)`,
          params: { code: 'not_in_variant' },
        });
      }
      if (config.fallback !== undefined && plan.barcode !== 'barcode-webservice') {
        ctx.addIssue({
          code: 'custom',
          path: ['fallback'],
          message: `must be absent in variant ${variant}: only variants 1 and 4a call the Barcode web service and can fall back`,
          params: { code: 'not_in_variant' },
        });
      }
    }),
  );
/** The configuration after defaults, as {@link IntegrationConfigSchema} parses it. */
export type IntegrationConfig = z.infer<typeof IntegrationConfigSchema>;
/** The configuration as a shop writes it, defaults left out. */
export type IntegrationConfigInput = z.input<typeof IntegrationConfigSchema>;
