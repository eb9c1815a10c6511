import * as z from 'zod';
import { PARCEL_STATUSES } from './vocabulary';

/**
 * `dataTransfer.reports`: where the Post's reports are fetched from and how they are read.
 * Every key stands for something Swiss Post tells the shop at registration that this project
 * could not read (Appendix 3 field tables, §2.2 naming, §3.13 event numbers); each default is
 * an assumption, listed in the README's "Going live with DataTransfer".
 */

const StatusSchema = z.enum(PARCEL_STATUSES, {
  error: `must be one of ${PARCEL_STATUSES.join(', ')}`,
});

const NamesSchema = z.array(z.string().min(1)).min(1);

const RegexSchema = z.string().refine((value) => {
  try {
    new RegExp(value, 'i');
    return true;
  } catch {
    return false;
  }
}, 'must be a regular expression');

const TimeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Zurich');

/**
 * The `datatransfer.reports` configuration: where reports are fetched from and what happens to
 * them there, how their names, fields, events and times are read, and the largest file read.
 */
export const DataTransferReportsConfigSchema = z.strictObject({
  /**
   * The reports directory: on the SFTP server (default `/out` [G]), or a local folder with the
   * directory transport (default `<transport dir>/reports` [G]).
   */
  dir: z.string().min(1).optional(),
  /** After a file is stored in the StateStore: leave it at the Post, or delete it there. */
  afterStore: z.enum(['leave', 'delete']).default('leave'),
  /** Which file names are reports, case-insensitive [G: §2.2 naming not read]. */
  fileNamePattern: RegexSchema.default('\\.xml$'),
  /** The report a file is when neither its content nor its name says [G]. */
  defaultReport: z
    .union([z.literal(3), z.literal(7), z.literal(11)], { error: 'must be 3, 7 or 11' })
    .optional(),
  /** Event numbers to statuses, over the default table [G: §3.13 not read]. */
  eventStatus: z.record(z.string().min(1), StatusSchema).default({}),
  /** What being listed in report 3 or 7 means [G]. */
  listingStatus: z
    .strictObject({ '3': StatusSchema.optional(), '7': StatusSchema.optional() })
    .optional(),
  /** Element names the reader looks for, per field, replacing its defaults [G]. */
  fields: z
    .strictObject({
      identcode: NamesSchema.optional(),
      eventNumber: NamesSchema.optional(),
      dateTime: NamesSchema.optional(),
      date: NamesSchema.optional(),
      time: NamesSchema.optional(),
      description: NamesSchema.optional(),
      location: NamesSchema.optional(),
      reportNumber: NamesSchema.optional(),
    })
    .optional(),
  /** The zone of event times written without an offset [G]. */
  timeZone: TimeZoneSchema.default('Europe/Zurich'),
  /** Larger files are left at the source and reported. */
  maxFileBytes: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(64 * 1024 * 1024),
});

/**
 * The reports configuration after defaults, as {@link DataTransferReportsConfigSchema} parses it.
 */
export type DataTransferReportsConfig = z.infer<typeof DataTransferReportsConfigSchema>;
