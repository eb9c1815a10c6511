/**
 * What the simulated Post expects of a DataTransfer delivery on one SFTP account: file name,
 * namespace, root element, control file and encodings. Swiss Post sets these per customer at
 * registration (its parcel interface is not public), so an account may declare its own; the
 * default is the shape the SDK writes without settings. This is the simulator's own table,
 * written from the interface description, not taken from the SDK.
 */
export interface DataTransferProfile {
  /** A data file's name; the named group `licence` is compared with `FileInfos`. */
  fileName: RegExp;
  /** `null`: the root must carry no namespace. */
  namespace: string | null;
  rootElement: string;
  /** The control file beside a data file, checked when present; `null`: none expected. */
  sidecar: { suffix: string; content: RegExp } | null;
  /** Encodings the XML declaration may name (upper case). */
  encodings: readonly string[];
}

/** The namespace of the SDK's own DataTransfer XML: Swiss Post's XSD is not public. */
export const DEFAULT_DATATRANSFER_NAMESPACE = 'urn:pickpost-sdk:datatransfer:1';

export const DEFAULT_DATATRANSFER_PROFILE: DataTransferProfile = {
  fileName: /^(?<licence>\d{8})_(?<timestamp>\d{14})_(?<sequence>\d{1,10})\.xml$/,
  namespace: DEFAULT_DATATRANSFER_NAMESPACE,
  rootElement: 'Envelope',
  // `sha256sum` output: `<hex>  <name>` (or ` *<name>` in binary mode).
  sidecar: { suffix: '.sha256', content: /^(?<sha256>[0-9a-f]{64}) [ *](?<name>[^\n]+)\n?$/ },
  encodings: ['UTF-8'],
};

/** An account's profile: the default with what the account declares instead. */
export function profileOf(declared: Partial<DataTransferProfile> | undefined): DataTransferProfile {
  return { ...DEFAULT_DATATRANSFER_PROFILE, ...declared };
}

/**
 * Whether a committed name is a data file the Post processes: any `*.xml` (a wrong name is then
 * refused with FILENAME, as the Post answers it) or a name of the agreed pattern; never a
 * report, a part or a control file.
 */
export function isDataFileName(profile: DataTransferProfile, name: string): boolean {
  if (name.endsWith('.report.xml') || name.endsWith('.part')) return false;
  if (profile.sidecar !== null && name.endsWith(profile.sidecar.suffix)) return false;
  return name.endsWith('.xml') || profile.fileName.test(name);
}

/** The encoding an XML declaration names, upper case; UTF-8 when it names none (XML's rule). */
export function declaredEncoding(firstBytes: Buffer): string {
  const declaration = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    firstBytes.toString('latin1'),
  );
  return (declaration?.[1] ?? 'UTF-8').toUpperCase();
}
