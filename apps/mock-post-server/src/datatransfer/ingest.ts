import { createReadStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parcelIdentcode } from '../rules/identcode';
import {
  checkCustomer,
  checkFrankingLicense,
  checkItemHeader,
  checkRecipient,
  createFindings,
} from '../rules/item-rules';
import type { Language } from '../rules/post-codes';
import { coded } from '../rules/post-codes';
import { checkAttributes } from '../rules/service-rules';
import type {
  DataTransferDuplicate,
  DataTransferFileRecord,
  DataTransferMessage,
  MockPostState,
  ReceivedShipment,
  RejectedDataTransferItem,
} from '../state';
import { MalformedEnvelopeError, readEnvelope } from './envelope-reader';
import { firstBytes, readSidecar, SidecarError, sha256OfFile } from './file-checks';
import {
  CUSTOMER_ELEMENTS,
  checkChildren,
  findingsToMessages,
  mapElements,
  mapItem,
} from './item-mapping';
import type { DataTransferProfile } from './profile';
import { DEFAULT_DATATRANSFER_PROFILE, declaredEncoding } from './profile';
import { writeProcessingReport } from './report';
import type { XmlObject } from './xml';
import { childNames, parseXmlPiece, strayText } from './xml';

/**
 * The simulator's own codes for what refuses a whole DataTransfer file or an item's structure.
 * They are ours, not Swiss Post's (its DataTransfer reports are not public); items otherwise get
 * the Barcode web service's E-codes.
 */
export const DATATRANSFER_CODES = {
  FILENAME:
    'The file name is not the agreed pattern (<licence>_<yyyyMMddHHmmss>_<sequence>.xml by default) or disagrees with FileInfos',
  CHECKSUM: 'The SHA-256 sidecar does not match the file',
  ENCODING: 'The XML declaration names an encoding not agreed for this account',
  MALFORMED: 'The file is not a well-formed DataTransfer envelope',
  SCHEMA: 'An element is missing, unknown, too long or holds a forbidden character',
  IDENTCODE: 'The IdentCode is not 99 + the file licence + the item number in 8 digits',
  INTERNAL: 'The simulator failed while processing the file',
} as const;

export type DataTransferCode = keyof typeof DATATRANSFER_CODES;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const BATCH_CHARS = 256 * 1024;

/** Who delivered the file: the SFTP account and what it may send. */
export interface DataTransferSender {
  username: string;
  frankingLicenses: readonly string[];
  /** Language of the E-code texts in reports. */
  language: Language;
}

export interface IngestContext {
  state: MockPostState;
  sender: DataTransferSender;
  now: () => number;
  /** What this account's files look like; the SDK's default shape when absent. */
  profile?: DataTransferProfile;
}

const fileMessage = (code: DataTransferCode, detail?: string): DataTransferMessage => ({
  code,
  message:
    detail === undefined ? DATATRANSFER_CODES[code] : `${DATATRANSFER_CODES[code]}: ${detail}`,
});

/** What FileInfos says, and what in it refuses the whole file. */
interface FileInfosCheck {
  licence: string | undefined;
  errors: DataTransferMessage[];
}

function checkFileInfos(
  head: string,
  fileName: string,
  nameLicence: string | undefined,
  sender: DataTransferSender,
): FileInfosCheck {
  const block = /<FileInfos[\s>][\s\S]*<\/FileInfos>|<FileInfos\s*\/>/.exec(head);
  if (block === null) {
    return {
      licence: undefined,
      errors: [fileMessage('MALFORMED', 'no FileInfos before the items')],
    };
  }
  const parsed = parseXmlPiece(block[0]).FileInfos;
  const infos: XmlObject =
    typeof parsed === 'object' && parsed !== null ? (parsed as XmlObject) : {};
  const findings = createFindings();
  checkChildren(
    infos,
    ['FrankingLicense', 'PpFranking', 'FileName', 'CreatedAt', 'Customer'],
    'FileInfos',
    findings,
  );
  const licence = checkFrankingLicense(
    infos.FrankingLicense,
    sender.frankingLicenses,
    findings,
    sender.language,
  );
  checkChildren(infos.Customer, Object.keys(CUSTOMER_ELEMENTS), 'FileInfos.Customer', findings);
  checkCustomer(mapElements(infos.Customer, CUSTOMER_ELEMENTS), findings, sender.language);
  const createdAt = infos.CreatedAt;
  if (
    typeof createdAt !== 'string' ||
    !ISO_INSTANT.test(createdAt) ||
    Number.isNaN(Date.parse(createdAt))
  ) {
    findings.fieldErrors.push({
      field: 'FileInfos.CreatedAt',
      error: 'must be an ISO 8601 instant',
      rejectedValue: createdAt,
    });
  }
  // The Barcode model's franking flag [HB-EN §5.3.1]: a boolean where it is given.
  if (
    infos.PpFranking !== undefined &&
    infos.PpFranking !== 'true' &&
    infos.PpFranking !== 'false'
  ) {
    findings.fieldErrors.push({
      field: 'FileInfos.PpFranking',
      error: 'must be true or false',
      rejectedValue: infos.PpFranking,
    });
  }
  const errors = findingsToMessages(findings);
  if (infos.FileName !== fileName) {
    errors.push(fileMessage('FILENAME', `FileInfos.FileName is ${JSON.stringify(infos.FileName)}`));
  }
  if (licence !== undefined && nameLicence !== undefined && licence !== nameLicence) {
    errors.push(
      fileMessage('FILENAME', `the name says licence ${nameLicence}, FileInfos ${licence}`),
    );
  }
  return { licence, errors };
}

/** Checks head + tail, the envelope with its items cut out: namespace, structure, item count. */
function checkSkeleton(
  head: string,
  tail: string,
  itemCount: number,
  profile: DataTransferProfile,
): DataTransferMessage[] {
  const document = parseXmlPiece(head + tail);
  const roots = childNames(document).filter((name) => name !== '?xml');
  const rootName = profile.rootElement;
  const envelope = document[rootName];
  if (roots.length !== 1 || typeof envelope !== 'object' || envelope === null) {
    return [fileMessage('MALFORMED', `the root element must be ${rootName}`)];
  }
  const root = envelope as XmlObject;
  const errors: DataTransferMessage[] = [];
  if ((root['@_xmlns'] ?? null) !== profile.namespace) {
    errors.push(
      fileMessage(
        'MALFORMED',
        profile.namespace === null
          ? 'the root must carry no namespace'
          : `the namespace must be ${profile.namespace}`,
      ),
    );
  }
  const structure = createFindings();
  checkChildren(root, ['FileInfos', 'Data', 'Summary'], rootName, structure);
  checkChildren(root.Data, ['Provider'], `${rootName}.Data`, structure);
  const provider = (root.Data as XmlObject | undefined)?.Provider;
  checkChildren(provider, ['Sending'], `${rootName}.Data.Provider`, structure);
  const sending = (provider as XmlObject | undefined)?.Sending;
  // With the items cut out, Sending must be empty: anything left is an element we do not know.
  if (sending === undefined || (typeof sending === 'string' ? sending.trim() !== '' : true)) {
    structure.fieldErrors.push({
      field: `${rootName}.Data.Provider.Sending`,
      error: 'must hold Item elements only',
    });
  }
  errors.push(
    ...structure.fieldErrors.map((error) =>
      fileMessage('MALFORMED', `${error.field}: ${error.error}`),
    ),
  );
  const summary = root.Summary as XmlObject | undefined;
  const declared = typeof summary === 'object' && summary !== null ? summary.ItemCount : undefined;
  if (declared !== String(itemCount)) {
    errors.push(
      fileMessage(
        'MALFORMED',
        `Summary.ItemCount is ${JSON.stringify(declared)}, the file holds ${itemCount} items`,
      ),
    );
  } else if (strayText(summary as XmlObject) !== undefined) {
    errors.push(fileMessage('MALFORMED', 'text outside an element in Summary'));
  }
  return errors;
}

/** An item that passed every rule, waiting for the duplicate check when the file is committed. */
interface Draft {
  index: number;
  shipment: ReceivedShipment;
}

function checkItem(
  element: unknown,
  index: number,
  licence: string,
  fileName: string,
  context: IngestContext,
): Draft | RejectedDataTransferItem {
  const language = context.sender.language;
  const findings = createFindings();
  const mapped = mapItem(element, findings);
  const { itemId, itemNumber } = checkItemHeader(mapped.item, 'Item', findings, language);
  if (mapped.item.itemNumber === undefined || mapped.item.itemNumber === '') {
    // The Barcode web service generates a missing item number; a self-generated barcode has one.
    findings.fieldErrors.push({ field: 'Item.itemNumber', error: 'must not be empty' });
  }
  const recipient = checkRecipient(mapped.recipient, 'Item.Recipient', findings, language);
  const { przl, weightGrams } = checkAttributes(
    mapped.attributes,
    'Item.Attributes',
    findings,
    language,
  );
  const errors = findingsToMessages(findings);
  const identcode = typeof mapped.identCode === 'string' ? mapped.identCode : undefined;
  if (identcode === undefined || identcode === '') {
    errors.push({ code: 'SCHEMA', field: 'Item.IdentCode', message: 'must not be empty' });
  } else {
    // With a valid item number the identcode is fully determined; without one, at least its
    // licence part and length are.
    const prefix = `99${licence}`;
    const expected = itemNumber === undefined ? undefined : parcelIdentcode(licence, itemNumber);
    const matches =
      expected === undefined
        ? identcode.length === 18 && identcode.startsWith(prefix) && /^\d+$/.test(identcode)
        : identcode === expected;
    if (!matches) {
      errors.push({
        code: 'IDENTCODE',
        field: 'Item.IdentCode',
        message: `${DATATRANSFER_CODES.IDENTCODE}${expected === undefined ? '' : ` (${expected})`}`,
      });
    }
  }
  const rawId = typeof mapped.item.itemID === 'string' ? mapped.item.itemID : undefined;
  if (errors.length > 0 || itemNumber === undefined || identcode === undefined) {
    return { index, itemId: rawId, identcode, errors };
  }
  return {
    index,
    shipment: {
      source: 'datatransfer',
      frankingLicense: licence,
      itemNumber,
      identcode,
      itemId,
      recipient: { ...recipient },
      przl,
      weightGrams,
      receivedAt: context.now(),
      fileName,
    },
  };
}

/**
 * Adds the file's accepted items to what the Post has received. Runs synchronously, so no other
 * file or Barcode request can slip in between the duplicate check and the recording: an
 * identcode is recorded exactly once, every repeat is refused with E2016.
 */
function commit(
  drafts: Draft[],
  rejected: RejectedDataTransferItem[],
  record: DataTransferFileRecord,
  context: IngestContext,
): void {
  const { state, sender } = context;
  let accepted = 0;
  const duplicates: DataTransferDuplicate[] = [];
  for (const { index, shipment } of drafts) {
    if (!state.claimItemNumber(shipment.frankingLicense, shipment.itemNumber)) {
      rejected.push({
        index,
        itemId: shipment.itemId,
        identcode: shipment.identcode,
        errors: [coded('E2016', sender.language)],
      });
      duplicates.push({
        identcode: shipment.identcode,
        itemId: shipment.itemId,
        account: sender.username,
        fileName: record.fileName,
        at: shipment.receivedAt,
      });
      continue;
    }
    state.shipments.push(shipment);
    accepted += 1;
  }
  state.dataTransferDuplicates.push(...duplicates);
  record.accepted = accepted;
  record.rejected = rejected.sort((a, b) => a.index - b.index);
}

/** Reads and checks the file's items; returns file-level errors, which void the items. */
async function readItems(
  path: string,
  nameLicence: string | undefined,
  record: DataTransferFileRecord,
  context: IngestContext,
  drafts: Draft[],
  rejected: RejectedDataTransferItem[],
): Promise<DataTransferMessage[]> {
  let head = '';
  let licence = '';
  let batch: string[] = [];
  let batchChars = 0;
  // Items are parsed in batches: setting up fast-xml-parser for each small item cost more than
  // parsing it. A batch is a few hundred kilobytes, so memory stays flat whatever the file size.
  const flush = () => {
    if (batch.length === 0) return;
    const parsed = parseXmlPiece(`<Batch>${batch.join('')}</Batch>`).Batch;
    const elements =
      typeof parsed === 'object' && parsed !== null ? (parsed as XmlObject).Item : [];
    if (!Array.isArray(elements) || elements.length !== batch.length)
      throw new MalformedEnvelopeError('an item holds another item');
    const first = record.itemCount - batch.length;
    elements.forEach((element: unknown, offset) => {
      const result = checkItem(element, first + offset, licence, record.fileName, context);
      if ('shipment' in result) drafts.push(result);
      else rejected.push(result);
    });
    batch = [];
    batchChars = 0;
  };
  const profile = context.profile ?? DEFAULT_DATATRANSFER_PROFILE;
  const encoding = await firstBytes(path).then(declaredEncoding);
  if (!profile.encodings.includes(encoding)) return [fileMessage('ENCODING', encoding)];
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  for await (const piece of readEnvelope(source, { latin1: encoding === 'ISO-8859-1' })) {
    if (piece.kind === 'head') {
      head = piece.xml;
      const infos = checkFileInfos(head, record.fileName, nameLicence, context.sender);
      if (infos.errors.length > 0 || infos.licence === undefined) return infos.errors;
      licence = infos.licence;
      record.frankingLicense = licence;
    } else if (piece.kind === 'item') {
      record.itemCount += 1;
      batch.push(piece.xml);
      batchChars += piece.xml.length;
      if (batchChars >= BATCH_CHARS) flush();
    } else {
      flush();
      return checkSkeleton(head, piece.xml, record.itemCount, profile);
    }
  }
  return [fileMessage('MALFORMED', 'the file ends early')];
}

/**
 * Ingests one DataTransfer file the way the simulated Post processes a delivery: checks the
 * name, the SHA-256 sidecar when there is one, the envelope and FileInfos (licence allowed for
 * the account, sender complete), then every item with the Barcode web service's rules plus the
 * identcode; records accepted items in `state.shipments` (an identcode already received is
 * refused with E2016) and the file in `state.dataTransferFiles`, and writes
 * `<file>.report.xml` beside it. A file-level error refuses every item of the file.
 *
 * @example
 * const record = await ingestDataTransferFile({ diskPath, virtualPath: '/60013217_…_000001.xml' },
 *   { state, sender: { username: 'shop', frankingLicenses: ['60013217'], language: 'EN' }, now: Date.now });
 */
export async function ingestDataTransferFile(
  file: { diskPath: string; virtualPath: string },
  context: IngestContext,
): Promise<DataTransferFileRecord> {
  const fileName = basename(file.diskPath);
  const record: DataTransferFileRecord = {
    account: context.sender.username,
    fileName,
    path: file.virtualPath,
    status: 'processed',
    fileErrors: [],
    itemCount: 0,
    accepted: 0,
    rejected: [],
    reportName: `${fileName}.report.xml`,
    receivedAt: context.now(),
  };
  const drafts: Draft[] = [];
  const rejected: RejectedDataTransferItem[] = [];
  const { fileName: namePattern, sidecar } = context.profile ?? DEFAULT_DATATRANSFER_PROFILE;
  try {
    const name = namePattern.exec(fileName);
    if (name === null) {
      record.fileErrors.push(fileMessage('FILENAME', fileName));
    } else {
      const expected =
        sidecar === null
          ? undefined
          : await readSidecar(`${file.diskPath}${sidecar.suffix}`, fileName, sidecar.content);
      if (expected !== undefined && expected !== (await sha256OfFile(file.diskPath))) {
        record.fileErrors.push(fileMessage('CHECKSUM'));
      } else {
        const licence = name.groups?.licence;
        record.fileErrors.push(
          ...(await readItems(file.diskPath, licence, record, context, drafts, rejected)),
        );
      }
    }
  } catch (error) {
    if (error instanceof MalformedEnvelopeError) {
      record.fileErrors.push(fileMessage('MALFORMED', error.message));
    } else if (error instanceof SidecarError) {
      record.fileErrors.push(fileMessage('CHECKSUM', error.message));
    } else {
      record.fileErrors.push(
        fileMessage('INTERNAL', error instanceof Error ? error.message : String(error)),
      );
    }
  }
  if (record.fileErrors.length > 0) {
    record.status = 'rejected';
  } else {
    commit(drafts, rejected, record, context);
  }
  context.state.dataTransferFiles.push(record);
  await writeProcessingReport(join(dirname(file.diskPath), record.reportName), record);
  return record;
}
