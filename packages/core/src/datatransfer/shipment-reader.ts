import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PickPostError } from '../errors/index';
import { SDK_FIELD_MAP } from './field-map';

/** One element path found in a file, and the record field the SDK reads it into. */
export interface ElementFound {
  /** Below the root: `Data/Provider/Sending/Item/Recipient/ZIP`. */
  path: string;
  /** The SDK field (`item.recipient.zip`), `undefined` for a container or an unknown element. */
  field: string | undefined;
  /** Whether the SDK writes an element at this path. */
  known: boolean;
  count: number;
  /** The first value seen, for leaves; shortened. */
  example?: string;
}

/** A record as read: every field optional, since a sample may lack any of them. */
export interface ReadItem {
  itemId?: string;
  itemNumber?: number;
  identcode?: string;
  recipient: Record<string, string>;
  przl: string[];
  weightGrams?: number;
  freeText?: string;
  additionalData?: Array<{ type?: string; value?: string }>;
}

/**
 * A shipment data file as read back: its encoding, root element, file information and records, to
 * check a written or a sample file.
 */
export interface ShipmentDataFileContent {
  fileName: string;
  /** As the XML declaration names it (upper case); UTF-8 without one. */
  encoding: string;
  root: { name: string; namespace: string | null };
  info: {
    frankingLicense?: string;
    ppFranking?: boolean;
    fileName?: string;
    createdAt?: string;
    sender: Record<string, string>;
  };
  items: ReadItem[];
  itemCount?: number;
  /** Every element path in the file, in the order first seen. */
  elements: ElementFound[];
}

type OrderedNode = Record<string, unknown>;

const FIELD_OF = new Map(SDK_FIELD_MAP.map((entry) => [entry.path, entry.field]));
const ITEM_PATH = 'Data/Provider/Sending/Item';
const ADDITIONAL_PATH = `${ITEM_PATH}/AdditionalINFOS/AdditionalData`;

// preserveOrder keeps repeated elements and their order exactly; prefixes are dropped, so a
// sample written with `ns1:Item` reads as `Item`.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
});

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function decode(bytes: Buffer): { text: string; encoding: string } {
  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    bytes.subarray(0, 200).toString('latin1'),
  );
  const encoding = (declared?.[1] ?? 'UTF-8').toUpperCase();
  const single = ['ISO-8859-1', 'LATIN1', 'WINDOWS-1252', 'ISO-8859-15'].includes(encoding);
  return { text: bytes.toString(single ? 'latin1' : 'utf8'), encoding };
}

/** Builds the record as the walk meets each leaf, by the field names of the map. */
function collector() {
  const info: ShipmentDataFileContent['info'] = { sender: {} };
  const items: ReadItem[] = [];
  let itemCount: number | undefined;
  const current = () => items[items.length - 1];
  return {
    info,
    items,
    itemCount: () => itemCount,
    enter(path: string) {
      if (path === ITEM_PATH) items.push({ recipient: {}, przl: [] });
      const item = current();
      if (path === ADDITIONAL_PATH && item !== undefined) {
        item.additionalData = [...(item.additionalData ?? []), {}];
      }
    },
    leaf(field: string, value: string) {
      const item = current();
      if (field === 'ppFranking') info.ppFranking = value.trim() === 'true';
      else if (field === 'itemCount') itemCount = Number(value);
      else if (field.startsWith('sender.')) info.sender[field.slice(7)] = value;
      else if (!field.startsWith('item.'))
        info[field as 'frankingLicense' | 'fileName' | 'createdAt'] = value;
      else if (item === undefined) return;
      else if (field.startsWith('item.recipient.')) item.recipient[field.slice(15)] = value;
      else if (field === 'item.przl[]') item.przl.push(value);
      else if (field === 'item.itemNumber') item.itemNumber = Number(value);
      else if (field === 'item.weightGrams') item.weightGrams = Number(value);
      else if (field.startsWith('item.additionalData[].')) {
        const entry = item.additionalData?.[item.additionalData.length - 1];
        if (entry !== undefined) entry[field.slice(22) as 'type' | 'value'] = value;
      } else item[field.slice(5) as 'itemId' | 'identcode' | 'freeText'] = value;
    },
  };
}

/**
 * Reads a DataTransfer file in the SDK's XML shape — one it wrote, or a sample Swiss Post
 * handed over — whatever its root element, namespace prefix or encoding, and lists every
 * element path it holds with the SDK field that path maps to. Elements the SDK does not know
 * are listed, not dropped, so a sample of another shape shows where it differs.
 *
 * @example
 * const { items, elements } = await readShipmentDataFile('samples/parcel-sample.xml');
 * elements.filter((element) => !element.known); // what the SDK would not read
 */
export async function readShipmentDataFile(path: string): Promise<ShipmentDataFileContent> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new PickPostError('DATATRANSFER_FAILED', `Could not read ${path}`, { cause: error });
  });
  const { text, encoding } = decode(bytes);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new PickPostError(
      'DATATRANSFER_FAILED',
      `${path} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  }
  const nodes = parser.parse(text) as OrderedNode[];
  const rootNode = nodes.find((node) => !Object.keys(node).some((key) => key.startsWith('?')));
  const rootKey = rootNode === undefined ? undefined : nameOf(rootNode);
  if (rootNode === undefined || rootKey === undefined) {
    throw new PickPostError('DATATRANSFER_FAILED', `${path} has no root element`);
  }
  const attributes = (rootNode[':@'] ?? {}) as Record<string, string>;
  const prefix = rootKey.includes(':') ? rootKey.slice(0, rootKey.indexOf(':')) : undefined;
  const namespace = attributes[prefix === undefined ? 'xmlns' : `xmlns:${prefix}`] ?? null;
  const found = new Map<string, ElementFound>();
  const record = collector();
  walk(rootNode[rootKey] as OrderedNode[], '', found, record);
  const itemCount = record.itemCount();
  return {
    fileName: basename(path),
    encoding,
    root: { name: localName(rootKey), namespace },
    info: record.info,
    items: record.items,
    ...(itemCount === undefined ? {} : { itemCount }),
    elements: [...found.values()],
  };
}

function nameOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function walk(
  nodes: OrderedNode[],
  parent: string,
  found: Map<string, ElementFound>,
  record: ReturnType<typeof collector>,
): void {
  for (const node of nodes) {
    const key = nameOf(node);
    if (key === undefined || key.startsWith('?') || key === '#comment') continue;
    const path = parent === '' ? localName(key) : `${parent}/${localName(key)}`;
    const children = (node[key] ?? []) as OrderedNode[];
    const hasElements = children.some((child) => nameOf(child) !== undefined);
    const value = children.map((child) => child['#text'] ?? '').join('');
    const field = FIELD_OF.get(path);
    const entry = found.get(path) ?? {
      path,
      field,
      known: FIELD_OF.has(path),
      count: 0,
      ...(hasElements ? {} : { example: value.length > 40 ? `${value.slice(0, 37)}…` : value }),
    };
    entry.count += 1;
    found.set(path, entry);
    record.enter(path);
    if (hasElements) walk(children, path, found, record);
    else if (field !== undefined) record.leaf(field, value);
  }
}
