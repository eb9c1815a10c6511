import * as z from 'zod';

/**
 * How DataTransfer files are shaped on disk: every choice Swiss Post's (non-public) parcel
 * interface decides and the SDK could only assume (reference/swiss-post.md §Z). Each default is
 * what the SDK wrote before these were settings, so a configuration without them behaves as
 * before; a shop replaces them with what Swiss Post hands it at registration.
 */

/** The namespace of the SDK's own DataTransfer XML, version 1: an assumption, not Swiss Post's. */
export const PICKPOST_DATATRANSFER_NAMESPACE = 'urn:pickpost-sdk:datatransfer:1';

/** `<licence>_<yyyyMMddHHmmss>_<6-digit sequence>.<extension>`: the SDK's assumption. */
export const DEFAULT_FILE_NAME_PATTERN = '{licence}_{timestamp}_{sequence}.{extension}';

/** The `sha256sum` line the SDK has always written beside each file. */
export const SHA256_SIDECAR_CONTENT = '{sha256}  {fileName}\n';

/** Placeholders of `fileNamePattern`; `{sequence:N}` pads the sequence to N digits. */
export const FILE_NAME_TOKENS = [
  'licence',
  'timestamp',
  'date',
  'time',
  'sequence',
  'extension',
] as const;

/** Placeholders of a sidecar's `content`: what the SDK knows of a file once it is written. */
export const SIDECAR_TOKENS = ['sha256', 'fileName', 'itemCount', 'size'] as const;

const TOKEN = /\{([^{}]*)\}/g;

/** Literal text of a file name: no path separators, nothing a shell or SFTP server reads. */
const NAME_TEXT = /^[A-Za-z0-9._-]*$/;

function checkTokens(
  text: string,
  allowed: readonly string[],
  ctx: z.RefinementCtx<string>,
  literal?: RegExp,
): string[] {
  const seen: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = match[1] ?? '';
    const name = /^sequence:(\d{1,2})$/.test(token) ? 'sequence' : token;
    if (!allowed.includes(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `{${token}} is not a placeholder; use ${allowed.map((entry) => `{${entry}}`).join(', ')}`,
        params: { code: 'unknown_placeholder' },
      });
    }
    seen.push(name);
  }
  const rest = text.replace(TOKEN, '');
  if (/[{}]/.test(rest)) {
    ctx.addIssue({
      code: 'custom',
      message: 'has an unmatched { or }',
      params: { code: 'unmatched_brace' },
    });
  } else if (literal !== undefined && !literal.test(rest)) {
    ctx.addIssue({
      code: 'custom',
      message: 'may hold only letters, digits, ".", "_" and "-" besides its placeholders',
      params: { code: 'file_name_characters' },
    });
  }
  return seen;
}

const FileNamePatternSchema = z
  .string({ error: 'must be a file name pattern such as {licence}_{timestamp}_{sequence}.xml' })
  .min(1)
  .max(200)
  .check(
    z.superRefine((pattern, ctx) => {
      const tokens = checkTokens(pattern, FILE_NAME_TOKENS, ctx, NAME_TEXT);
      // Two files made within one second must still get two names.
      if (!tokens.includes('sequence')) {
        ctx.addIssue({
          code: 'custom',
          message: 'must contain {sequence} (or {sequence:N}), so every file gets its own name',
          params: { code: 'needs_sequence' },
        });
      }
      if (/^\.|\.part$/.test(pattern.replace(TOKEN, 'x'))) {
        ctx.addIssue({
          code: 'custom',
          message: 'must not start with "." nor end in ".part" (the temporary upload name)',
          params: { code: 'reserved_name' },
        });
      }
    }),
  );

/** An XML name without a prefix (NCName), ASCII only: what an element name can safely be. */
const ElementNameSchema = z
  .string({ error: 'must be an XML element name' })
  .regex(/^[A-Za-z_][A-Za-z0-9._-]*$/, 'must be an XML element name (letters, digits, . _ -)')
  .max(100);

const SidecarSchema = z.union(
  [
    z.literal('none'),
    z.literal('sha256'),
    z.strictObject({
      /** Appended to the data file's name: `.sha256`, `.ok`, `.ctl`. */
      suffix: z
        .string({ error: 'must be a suffix such as .ok' })
        .regex(/^\.[A-Za-z0-9._-]{1,20}$/, 'must be "." and up to 20 letters, digits, . _ -')
        .refine((suffix) => suffix !== '.part', 'must not be .part (the temporary upload name)'),
      /** The control file's text, with placeholders; empty for a marker file. */
      content: z
        .string({ error: 'must be the control file text (may be empty)' })
        .max(4096)
        .check(z.superRefine((content, ctx) => void checkTokens(content, SIDECAR_TOKENS, ctx))),
    }),
  ],
  { error: 'must be "none", "sha256" or { suffix, content }' },
);

/**
 * How DataTransfer files are written: name pattern, XML namespace, encoding, sidecar and the
 * `FileInfos` P.P. franking flag.
 */
export const DataTransferFileSchema = z.strictObject({
  /** See {@link DEFAULT_FILE_NAME_PATTERN}; placeholders in {@link FILE_NAME_TOKENS}. */
  fileNamePattern: FileNamePatternSchema.default(DEFAULT_FILE_NAME_PATTERN),
  /** The XML namespace of the root and every element; `null` writes none. */
  namespace: z
    .string({ error: 'must be a namespace URI, or null for none' })
    .min(1)
    .max(500)
    .refine((uri) => !/["<>&\s]/.test(uri), 'must be a URI (no quotes, <, >, & or spaces)')
    .nullable()
    .default(PICKPOST_DATATRANSFER_NAMESPACE),
  /** The root element, `Envelope` as in the Barcode web service's request. */
  rootElement: ElementNameSchema.default('Envelope'),
  /** A control file placed after each data file: `sha256` (`sha256sum` line), `none`, or own. */
  sidecar: SidecarSchema.default('sha256'),
  /** Characters outside ISO-8859-1 are written as XML character references, so none is lost. */
  encoding: z
    .enum(['UTF-8', 'ISO-8859-1'], { error: 'must be "UTF-8" or "ISO-8859-1"' })
    .default('UTF-8'),
  /** The Barcode model's mandatory `FileInfos/PpFranking` flag (P.P. franking). */
  ppFranking: z.boolean({ error: 'must be true or false' }).default(false),
});
/** The file settings after defaults, as {@link DataTransferFileSchema} parses them. */
export type DataTransferFile = z.infer<typeof DataTransferFileSchema>;
/** The file settings as a shop writes them, defaults left out. */
export type DataTransferFileInput = z.input<typeof DataTransferFileSchema>;

/** The onboarding check `pickpost doctor` runs: Swiss Post's XSD and sample files, as paths. */
export const DataTransferCheckSchema = z.strictObject({
  xsd: z.string({ error: 'must be the path of Swiss Post’s XSD' }).min(1),
  samples: z.string({ error: 'must be a directory of sample files' }).min(1).optional(),
});
