import { escapeXml } from '../escape-xml';
import { PICKPOST_DATATRANSFER_NAMESPACE } from '../schemas/datatransfer-file';
import type { Sender } from '../schemas/sender';
import type { DataTransferItem } from './item';

/** What a file says about itself, written before its items. */
export interface ShipmentDataFileInfo {
  frankingLicense: string;
  fileName: string;
  createdAt: Date;
  /** The shop, as the Barcode web service's `Customer`. */
  sender: Sender;
}

/**
 * A file format for DataTransfer shipment data, in three parts so files of any size can be
 * written as a stream: a header, one piece per item, a footer.
 */
export interface ShipmentDataFormat {
  /** File extension without dot, e.g. `xml`. */
  readonly extension: string;
  readonly mediaType: string;
  /** How the writer encodes the text; UTF-8 when absent. */
  readonly encoding?: 'UTF-8' | 'ISO-8859-1';
  /** The text before the first item: the root element and the file's information. */
  header(info: ShipmentDataFileInfo): string;
  /** One shipment's text. */
  item(item: DataTransferItem): string;
  /** The text after the last item, closing the file. */
  footer(itemCount: number): string;
}

// Kept exported from here, where the DataTransfer writer has always offered it.
export { escapeXml };

/** An element's opening and closing tag. */
type Tag = readonly [open: string, close: string];

/**
 * The tags of every element the format writes, made once: a field then costs two
 * concatenations, not the six of a template that spells its name twice (this runs for every
 * field of a million shipments).
 */
const TAG_NAMES = [
  'City',
  'Country',
  'CreatedAt',
  'DomicilePostOffice',
  'EMail',
  'FileName',
  'Firstname',
  'FrankingLicense',
  'FreeText',
  'HouseNo',
  'IdentCode',
  'ItemCount',
  'ItemID',
  'ItemNumber',
  'Mobile',
  'Name1',
  'Name2',
  'Name3',
  'POBox',
  'PRZL',
  'Phone',
  'Street',
  'Title',
  'Type',
  'Value',
  'Weight',
  'ZIP',
] as const;
const TAG = Object.fromEntries(
  TAG_NAMES.map((name): [string, Tag] => [name, [`<${name}>`, `</${name}>`]]),
) as Readonly<Record<(typeof TAG_NAMES)[number], Tag>>;

const element = (tag: Tag, value: string | number | undefined): string =>
  value === undefined || value === ''
    ? ''
    : tag[0] + (typeof value === 'number' ? String(value) : escapeXml(value)) + tag[1];

/** The namespace of our DataTransfer XML, version 1 (defined beside the file settings). */
export { PICKPOST_DATATRANSFER_NAMESPACE };

/** What of the XML a configuration may change; see `DataTransferFileSchema`. */
export interface XmlShipmentDataFormatOptions {
  /** `null`: no namespace. Default {@link PICKPOST_DATATRANSFER_NAMESPACE}. */
  namespace?: string | null;
  /** Default `Envelope`. */
  rootElement?: string;
  /** Default `UTF-8`. */
  encoding?: 'UTF-8' | 'ISO-8859-1';
  /** `FileInfos/PpFranking`; default `false`. */
  ppFranking?: boolean;
}

/**
 * The default format: XML whose element tree mirrors the Barcode web service's request model
 * (`Envelope` / `FileInfos` / `Data` / `Provider` / `Sending` / `Item` with `Recipient`,
 * `AdditionalINFOS` and `Attributes`, element names as in the Barcode manual).
 *
 * **This is not Swiss Post's official DataTransfer schema.** Swiss Post publishes the official
 * XSD, sample files and file-naming rules separately (DataTransfer technical support pages);
 * they were not available to us. Before going live, get the XSD from Swiss Post, check files
 * with `validateShipmentDataFile(path, { xsd })`, and if the elements differ, write a
 * `ShipmentDataFormat` of your own: the writer, outbox and transports do not depend on this
 * one. `PICKPOST_DATATRANSFER_XSD` describes this format exactly.
 */
export const xmlShipmentDataFormat: ShipmentDataFormat = createXmlShipmentDataFormat();

/**
 * {@link xmlShipmentDataFormat} with another namespace, root element, encoding or PpFranking
 * value, as Swiss Post's XSD asks. The element tree below the root stays the Barcode model's.
 * Everything that depends on the options is computed here, once, not per shipment.
 *
 * @example
 * const format = createXmlShipmentDataFormat({ namespace: null, rootElement: 'Delivery', encoding: 'ISO-8859-1' });
 */
export function createXmlShipmentDataFormat(
  options: XmlShipmentDataFormatOptions = {},
): ShipmentDataFormat {
  const namespace =
    options.namespace === undefined ? PICKPOST_DATATRANSFER_NAMESPACE : options.namespace;
  const root = options.rootElement ?? 'Envelope';
  const encoding = options.encoding ?? 'UTF-8';
  const opening = [
    `<?xml version="1.0" encoding="${encoding}"?>\n`,
    namespace === null ? `<${root}>` : `<${root} xmlns="${escapeXml(namespace)}">`,
  ].join('');
  const ppFranking = `<PpFranking>${options.ppFranking === true}</PpFranking>`;
  const closing = `</Summary>\n</${root}>\n`;
  return {
    extension: 'xml',
    mediaType: 'application/xml',
    encoding,
    header: (info) => header(info, opening, ppFranking),
    item: itemXml,
    footer: (itemCount) =>
      `</Sending></Provider></Data>\n<Summary>${element(TAG.ItemCount, itemCount)}${closing}`,
  };
}

function header(info: ShipmentDataFileInfo, opening: string, ppFranking: string): string {
  const customer = info.sender;
  return [
    opening,
    '<FileInfos>',
    element(TAG.FrankingLicense, info.frankingLicense),
    ppFranking,
    element(TAG.FileName, info.fileName),
    element(TAG.CreatedAt, info.createdAt.toISOString()),
    '<Customer>',
    element(TAG.Name1, customer.name1),
    element(TAG.Name2, customer.name2),
    element(TAG.Street, customer.street),
    element(TAG.POBox, customer.poBox),
    element(TAG.ZIP, customer.zip),
    element(TAG.City, customer.city),
    element(TAG.Country, customer.country),
    element(TAG.DomicilePostOffice, customer.domicilePostOffice),
    '</Customer>',
    '</FileInfos>\n',
    '<Data><Provider><Sending>\n',
  ].join('');
}

// AddressSuffix is left out on purpose: the Barcode web service never passes it to
// DataTransfer [V HB-EN §5.3.1, reference §Z], so a record that carries one does not write it.
function itemXml(item: DataTransferItem): string {
  const r = item.recipient;
  const additional =
    item.additionalData === undefined || item.additionalData.length === 0
      ? ''
      : `<AdditionalINFOS>${item.additionalData
          .map(
            (entry) =>
              `<AdditionalData>${element(TAG.Type, entry.type)}${element(TAG.Value, entry.value)}</AdditionalData>`,
          )
          .join('')}</AdditionalINFOS>`;
  // One concatenation: this runs once per shipment, a million times for a large file.
  let przl = '';
  for (const code of item.przl) przl += element(TAG.PRZL, code);
  return (
    `<Item>${element(TAG.ItemID, item.itemId)}${element(TAG.ItemNumber, item.itemNumber)}` +
    `${element(TAG.IdentCode, item.identcode)}<Recipient>${element(TAG.Title, r.title)}` +
    `${element(TAG.Firstname, r.firstName)}${element(TAG.Name1, r.name1)}` +
    `${element(TAG.Name2, r.name2)}${element(TAG.Name3, r.name3)}${element(TAG.Street, r.street)}` +
    `${element(TAG.HouseNo, r.houseNo)}${element(TAG.POBox, r.pobox)}${element(TAG.ZIP, r.zip)}` +
    `${element(TAG.City, r.city)}${element(TAG.Country, r.country)}${element(TAG.Phone, r.phone)}` +
    `${element(TAG.Mobile, r.mobile)}${element(TAG.EMail, r.email)}</Recipient>${additional}` +
    `<Attributes>${przl}${element(TAG.FreeText, item.freeText)}` +
    `${item.weightGrams === undefined ? '' : `<Dimensions>${element(TAG.Weight, item.weightGrams)}</Dimensions>`}` +
    '</Attributes></Item>\n'
  );
}
