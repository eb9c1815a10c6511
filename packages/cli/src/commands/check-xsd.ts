import { readFile } from 'node:fs/promises';
import type { DataTransferFile } from '@pickpost/core/datatransfer';
import { SDK_ELEMENT_NAMES, SDK_FIELD_MAP } from '@pickpost/core/datatransfer';
import { XMLParser } from 'fast-xml-parser';

/**
 * What the onboarding check reads from Swiss Post's XSD without validating anything: the
 * namespace, the possible roots and every element name, so the report can say which element
 * the SDK writes that the XSD does not know and which the XSD asks for that the SDK never writes.
 */
export interface XsdOutline {
  targetNamespace: string | null;
  /** Global elements: the candidates for the root. */
  roots: string[];
  /** Every element name declared anywhere, with whether any declaration requires it. */
  elements: Map<string, { required: boolean }>;
}

/** Problems found, by element name; a problem with the file as a whole sits under `(file)`. */
export type Mismatches = Map<string, string[]>;

export function addMismatch(mismatches: Mismatches, element: string, problem: string): void {
  const list = mismatches.get(element) ?? [];
  if (!list.includes(problem)) list.push(problem);
  mismatches.set(element, list);
}

type XsdNode = Record<string, unknown>;

// Every element becomes an array, so one walk handles xs:sequence, xs:choice and nesting alike;
// prefixes are dropped, so xs:, xsd: or none read the same.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

function collect(node: unknown, outline: XsdOutline): void {
  if (Array.isArray(node)) {
    for (const entry of node) collect(entry, outline);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node as XsdNode)) {
    if (key.startsWith('@_')) continue;
    if (key === 'element' && Array.isArray(value)) {
      for (const element of value as XsdNode[]) {
        const name = element['@_name'] ?? element['@_ref'];
        if (typeof name !== 'string') continue;
        const local = name.slice(name.indexOf(':') + 1);
        const required = element['@_minOccurs'] !== '0';
        const known = outline.elements.get(local);
        outline.elements.set(local, { required: required || known?.required === true });
      }
    }
    collect(value, outline);
  }
}

/** Reads an XSD's outline (one file; `xs:include`d files are not followed). */
export async function readXsdOutline(path: string): Promise<XsdOutline> {
  const parsed = parser.parse(await readFile(path, 'utf8')) as XsdNode;
  const schema = ((parsed.schema as XsdNode[] | undefined) ?? [])[0] ?? {};
  const target = schema['@_targetNamespace'];
  const outline: XsdOutline = {
    targetNamespace: typeof target === 'string' ? target : null,
    roots: ((schema.element as XsdNode[] | undefined) ?? [])
      .map((element) => element['@_name'])
      .filter((name): name is string => typeof name === 'string'),
    elements: new Map(),
  };
  collect(schema, outline);
  return outline;
}

const fieldOf = new Map(
  SDK_FIELD_MAP.map((entry) => [entry.path.slice(entry.path.lastIndexOf('/') + 1), entry]),
);

/** Compares the configured shape with the XSD's outline, element by element. */
export function compareWithXsd(
  outline: XsdOutline,
  settings: DataTransferFile,
  mismatches: Mismatches,
): string[] {
  const notes: string[] = [];
  const root = settings.rootElement;
  if (!outline.roots.includes(root)) {
    addMismatch(
      mismatches,
      root,
      `the XSD's root element is ${outline.roots.join(' or ') || '(none declared)'}, not ${root}: set dataTransfer.file.rootElement`,
    );
  }
  if (outline.targetNamespace !== settings.namespace) {
    addMismatch(
      mismatches,
      root,
      `namespace: the XSD's targetNamespace is ${outline.targetNamespace ?? '(none)'}, the files' ${settings.namespace ?? '(none)'}: set dataTransfer.file.namespace to ${outline.targetNamespace === null ? 'null' : JSON.stringify(outline.targetNamespace)}`,
    );
  }
  for (const name of SDK_ELEMENT_NAMES) {
    if (outline.elements.has(name)) continue;
    const entry = fieldOf.get(name);
    addMismatch(
      mismatches,
      name,
      `the SDK writes it (${entry?.path ?? name}${entry?.field === undefined ? '' : `, ${entry.field}`}); the XSD declares no such element`,
    );
  }
  for (const [name, { required }] of outline.elements) {
    if (SDK_ELEMENT_NAMES.has(name) || outline.roots.includes(name)) continue;
    if (required) {
      addMismatch(mismatches, name, 'the XSD requires it; the SDK never writes it');
    } else notes.push(`${name}: optional in the XSD, not written by the SDK`);
  }
  return notes;
}

const XMLLINT_LINE =
  /^.*?:\d+: element ([^:]+): Schemas validity error : Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '[^']*')?: (.*)$/;

/**
 * Sorts xmllint's complaints by the element they are about; the namespace in `{…}` is left out
 * of the message (it is the same everywhere), and a complaint repeated for every item is kept once.
 */
export function groupXmllintErrors(lines: readonly string[], mismatches: Mismatches): void {
  for (const line of lines) {
    const match = XMLLINT_LINE.exec(line);
    if (match === null) {
      addMismatch(mismatches, '(file)', line.replace(/^.*?:(\d+):/, 'line $1:'));
      continue;
    }
    const element = match[2] ?? match[1] ?? '(file)';
    addMismatch(mismatches, element, `xmllint: ${(match[3] ?? '').replace(/\{[^}]*\}/g, '')}`);
  }
}
