import { XMLParser } from 'fast-xml-parser';
import { MalformedEnvelopeError } from './envelope-reader';

/** Elements that may repeat and are read as arrays even when they occur once. */
const REPEATED = new Set(['Item', 'PRZL', 'AdditionalData']);

// XML has five named entities plus numeric references. fast-xml-parser's `htmlEntities` is what
// decodes numeric references, but it also decodes HTML-only names (`&nbsp;`) and passes unknown
// ones through; a document with either is not well-formed, so they are refused before parsing.
const NOT_AN_XML_ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay strings exactly as written: a postcode `0123` or an item number must not
  // become a number, and leading or trailing spaces are the sender's data.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export type XmlObject = Record<string, unknown>;

/**
 * Parses one well-formed piece of XML (an item, the FileInfos block, the envelope without its
 * items) into plain objects: elements are keys, text is a string, repeated elements arrays,
 * attributes `@_name`. Throws {@link MalformedEnvelopeError} for anything not well-formed.
 */
export function parseXmlPiece(xml: string): XmlObject {
  const entity = NOT_AN_XML_ENTITY.exec(xml);
  if (entity !== null) {
    throw new MalformedEnvelopeError(
      `not well-formed: ${JSON.stringify(xml.slice(entity.index, entity.index + 12))} is not an XML entity`,
    );
  }
  try {
    return parser.parse(xml, true) as XmlObject;
  } catch (error) {
    throw new MalformedEnvelopeError(
      `not well-formed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Child elements of a parsed element (attributes and whitespace between elements left out). */
export function childNames(element: XmlObject): string[] {
  return Object.keys(element).filter((key) => !key.startsWith('@_') && key !== '#text');
}

/** Text outside child elements that is not whitespace, which element-only content forbids. */
export function strayText(element: XmlObject): string | undefined {
  const text = element['#text'];
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}
