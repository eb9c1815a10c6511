import { escapeXml } from '../escape-xml';
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
  header(info: ShipmentDataFileInfo): string;
  item(item: DataTransferItem): string;
  footer(itemCount: number): string;
}

// Kept exported from here, where the DataTransfer writer has always offered it.
export { escapeXml };

const element = (name: string, value: string | number | undefined): string =>
  value === undefined || value === ''
    ? ''
    : `<${name}>${typeof value === 'number' ? value : escapeXml(value)}</${name}>`;

/** The namespace of our DataTransfer XML, version 1. */
export const PICKPOST_DATATRANSFER_NAMESPACE = 'urn:pickpost-sdk:datatransfer:1';

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
export const xmlShipmentDataFormat: ShipmentDataFormat = {
  extension: 'xml',
  mediaType: 'application/xml',

  header(info) {
    const customer = info.sender;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      `<Envelope xmlns="${PICKPOST_DATATRANSFER_NAMESPACE}">`,
      '<FileInfos>',
      element('FrankingLicense', info.frankingLicense),
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
  },

  item(item) {
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
  },

  footer(itemCount) {
    return `</Sending></Provider></Data>\n<Summary>${element('ItemCount', itemCount)}</Summary>\n</Envelope>\n`;
  },
};
