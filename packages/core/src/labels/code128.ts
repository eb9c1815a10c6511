import bwipjs from 'bwip-js/node';

/**
 * Code 128 in charset C: every two digits are one symbol (values 0–99), and 100–102 can only
 * appear as the checksum. A symbol is 6 elements (bar, space, bar, space, bar, space) of 1–4
 * modules, 11 modules in all; the stop pattern is 7 elements, 13 modules.
 */
const START_C = 105;
const SYMBOL_ELEMENTS = 6;

interface SymbolTable {
  /** Element widths in modules, by symbol value 0–102 and 105 (Start C). */
  readonly symbols: ReadonlyArray<readonly number[]>;
  readonly stop: readonly number[];
}

let table: SymbolTable | undefined;

function encodeWithBwip(digits: string): number[] {
  const [first] = bwipjs.raw({ bcid: 'code128', text: digits });
  if (first === undefined || !('sbs' in first)) {
    throw new Error('bwip-js returned no Code 128 encoding');
  }
  return first.sbs;
}

function checksumC(values: readonly number[]): number {
  let sum = START_C;
  for (let index = 0; index < values.length; index += 1) {
    sum += (values[index] as number) * (index + 1);
  }
  return sum % 103;
}

/** Two digits that make `values` followed by them have checksum `wanted` (not always possible). */
function digitsForChecksum(prefix: readonly number[], wanted: number): string | undefined {
  for (let value = 0; value < 100; value += 1) {
    if (checksumC([...prefix, value]) === wanted) return String(value).padStart(2, '0');
  }
  return undefined;
}

/**
 * The element widths of each charset-C symbol, taken from bwip-js's own Code 128 encoder once,
 * so that every later identcode is composed from a table instead of running bwip-js's
 * PostScript emulation per label. Symbols 100–102 only ever appear as checksums, so they are
 * read from the checksum position of inputs chosen to produce them.
 */
function symbolTable(): SymbolTable {
  if (table !== undefined) return table;
  const allPairs = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
  const elements = encodeWithBwip(allPairs.join(''));
  const symbolAt = (index: number) =>
    elements.slice(index * SYMBOL_ELEMENTS, (index + 1) * SYMBOL_ELEMENTS);
  const symbols: number[][] = [];
  symbols[START_C] = symbolAt(0);
  for (let value = 0; value < 100; value += 1) symbols[value] = symbolAt(value + 1);
  const stop = elements.slice(-7);
  for (const wanted of [100, 101, 102]) {
    for (let first = 0; first < 100 && symbols[wanted] === undefined; first += 1) {
      const last = digitsForChecksum([first], wanted);
      if (last === undefined) continue;
      const encoded = encodeWithBwip(String(first).padStart(2, '0') + last);
      symbols[wanted] = encoded.slice(3 * SYMBOL_ELEMENTS, 4 * SYMBOL_ELEMENTS);
    }
  }
  const startPattern = symbols[START_C]?.join('');
  if (startPattern !== '211232') {
    // bwip-js chose another charset for an all-digit input: the table would be wrong.
    throw new Error(`bwip-js did not start the digits in charset C (got ${startPattern})`);
  }
  table = { symbols, stop };
  return table;
}

/** A Code 128 symbol as alternating bar and space widths in modules, bars first. */
export interface Code128Pattern {
  /** The encoded digits. */
  readonly digits: string;
  /** Element widths in modules: bar, space, bar, …, ending with the stop pattern's last bar. */
  readonly elements: readonly number[];
  /** Total width in modules (without quiet zones). */
  readonly modules: number;
}

/**
 * Encodes an even number of digits as Code 128 charset C (Start C, one symbol per digit pair,
 * checksum, stop), with the symbol patterns taken from bwip-js.
 *
 * @example
 * encodeCode128C('996001321700005959').modules // 134
 */
export function encodeCode128C(digits: string): Code128Pattern {
  if (!/^(?:\d\d)+$/.test(digits)) {
    throw new Error('Code 128 charset C encodes an even number of digits');
  }
  const { symbols, stop } = symbolTable();
  const values: number[] = [];
  for (let index = 0; index < digits.length; index += 2) {
    values.push((digits.charCodeAt(index) - 48) * 10 + digits.charCodeAt(index + 1) - 48);
  }
  const elements: number[] = [];
  const checksum = checksumC(values);
  for (let index = -1; index <= values.length; index += 1) {
    const value = index < 0 ? START_C : index < values.length ? values[index] : checksum;
    const pattern = symbols[value as number] as readonly number[];
    for (let element = 0; element < SYMBOL_ELEMENTS; element += 1) {
      elements.push(pattern[element] as number);
    }
  }
  for (let element = 0; element < stop.length; element += 1) {
    elements.push(stop[element] as number);
  }
  // Every symbol character is 11 modules wide, the stop pattern 13.
  return { digits, elements, modules: 11 * (values.length + 2) + 13 };
}

/** Elements of the stop pattern, which ends every symbol. */
const STOP_ELEMENTS = 7;

/** Where a symbol character is in its barcode: its elements and its first module. */
export interface SymbolCharacter {
  /** Its elements are `elements[from]` up to (without) `elements[to]`. */
  readonly from: number;
  readonly to: number;
  /** Modules before it. */
  readonly position: number;
  /**
   * Names the character's place and widths: equal keys draw equal bars, so a format can keep
   * what it drew for one and copy it for the next label.
   */
  readonly key: number;
}

/**
 * Calls `visit` for each symbol character of a barcode in order: Start C, the digit pairs,
 * the checksum, then the stop pattern. An identcode is twelve of them, each one of 106
 * patterns at one of twelve places: formats draw each once and reuse it.
 *
 * @example
 * forEachSymbolCharacter(encodeCode128C('0509'), ({ from, to }) => console.log(to - from)); // 6 6 6 6 7
 */
export function forEachSymbolCharacter(
  pattern: Code128Pattern,
  visit: (character: SymbolCharacter) => void,
): void {
  const { elements } = pattern;
  let position = 0;
  for (let from = 0; from < elements.length; ) {
    const to = elements.length - from <= STOP_ELEMENTS ? elements.length : from + SYMBOL_ELEMENTS;
    // Widths are 1–4 modules: the element count, the place in modules and the widths in base
    // 5 make the key.
    let key = (to - from) * 1000 + position;
    let modules = 0;
    for (let index = from; index < to; index += 1) {
      key = key * 5 + (elements[index] as number);
      modules += elements[index] as number;
    }
    visit({ from, to, position, key });
    position += modules;
    from = to;
  }
}

/** For tests: the element widths bwip-js itself produces for `digits`. */
export function bwipElements(digits: string): number[] {
  return encodeWithBwip(digits);
}
