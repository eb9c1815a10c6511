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

const element = (name: string, value: string | number | undefined): string =>
  value === undefined || value === ''
    ? ''
    : `<${name}>${typeof value === 'number' ? value : escapeXml(value)}</${name}>`;

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
      `</Sending></Provider></Data>\n<Summary>${element('ItemCount', itemCount)}${closing}`,
  };
}

function header(info: ShipmentDataFileInfo, opening: string, ppFranking: string): string {
  const customer = info.sender;
  return [
    opening,
    '<FileInfos>',
    element('FrankingLicense', info.frankingLicense),
    ppFranking,
    element('FileName', info.fileName),
    element('CreatedAt', info.createdAt.toISOString()),
    '<Customer>',
    element('Name1', customer.name1),
    element('Name2', customer.name2),
    element('Street', customer.street),
    element('POBox', customer.poBox),
    element('ZIP', customer.zip),
    element('City', customer.city),
    element('Country', customer.country),
    element('DomicilePostOffice', customer.domicilePostOffice),
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
              `<AdditionalData>${element('Type', entry.type)}${element('Value', entry.value)}</AdditionalData>`,
          )
          .join('')}</AdditionalINFOS>`;
  // One concatenation: this runs once per shipment, a million times for a large file.
  let przl = '';
  for (const code of item.przl) przl += element('PRZL', code);
  return (
    `<Item>${element('ItemID', item.itemId)}${element('ItemNumber', item.itemNumber)}` +
    `${element('IdentCode', item.identcode)}<Recipient>${element('Title', r.title)}` +
    `${element('Firstname', r.firstName)}${element('Name1', r.name1)}` +
    `${element('Name2', r.name2)}${element('Name3', r.name3)}${element('Street', r.street)}` +
    `${element('HouseNo', r.houseNo)}${element('POBox', r.pobox)}${element('ZIP', r.zip)}` +
    `${element('City', r.city)}${element('Country', r.country)}${element('Phone', r.phone)}` +
    `${element('Mobile', r.mobile)}${element('EMail', r.email)}</Recipient>${additional}` +
    `<Attributes>${przl}${element('FreeText', item.freeText)}` +
    `${item.weightGrams === undefined ? '' : `<Dimensions>${element('Weight', item.weightGrams)}</Dimensions>`}` +
    '</Attributes></Item>\n'
  );
}
