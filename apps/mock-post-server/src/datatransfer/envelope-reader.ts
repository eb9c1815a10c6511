/**
 * Splits a DataTransfer file into its head (everything before the first `<Item>`), its items one
 * by one, and its tail (from `</Sending>` to the end), reading the file as a stream. Only one
 * item's text is held at a time, so a file of 100,000 items never becomes one in-memory tree;
 * each piece is small enough for a DOM parser. The pieces are cut textually, so the caller must
 * still check that each is well-formed and that head + tail form the expected envelope.
 */

/** The file is not a well-formed DataTransfer envelope (truncated, stray content, bad UTF-8). */
export class MalformedEnvelopeError extends Error {
  override name = 'MalformedEnvelopeError';
}

export type EnvelopePiece =
  | { kind: 'head'; xml: string }
  | { kind: 'item'; xml: string }
  | { kind: 'tail'; xml: string };

/** No head, item or tail of a file the SDK writes comes near this; beyond it we stop reading. */
const MAX_PIECE_CHARS = 1024 * 1024;

// `<Item` followed by whitespace, `>` or `/`, so `<ItemID>` and `<ItemCount>` never match.
const ITEM_START = /<Item[\s>/]/;
const ITEM_END = '</Item>';
const SENDING_END = '</Sending>';
const SELF_CLOSED_ITEM = /^<Item\s*\/>/;

/** The smaller of two `indexOf`-style positions, ignoring -1. */
function firstOf(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

/**
 * Reads `source` (the file's bytes) and yields its pieces in order. Throws
 * {@link MalformedEnvelopeError} when the text is not UTF-8, when anything but whitespace or a
 * comment stands between two items, when a piece is implausibly large, or when the file ends
 * before `</Sending>`.
 */
export async function* readEnvelope(
  source: AsyncIterable<Uint8Array>,
  options: { latin1?: boolean } = {},
): AsyncGenerator<EnvelopePiece> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  // Typed as the union: `drain` advances it, which narrowing here cannot see.
  let phase = 'head' as 'head' | 'items' | 'tail';
  // Items read so far, to say which one is wrong.
  let index = 0;
  // Where the search for `</Item>` resumes, so a long item is not rescanned from its start.
  let endSearchFrom = 0;

  function* drain(final: boolean): Generator<EnvelopePiece> {
    for (;;) {
      if (phase === 'head') {
        const itemMatch = ITEM_START.exec(pending);
        const at = firstOf(itemMatch?.index ?? -1, pending.indexOf(SENDING_END));
        if (at < 0) {
          if (pending.length > MAX_PIECE_CHARS)
            throw new MalformedEnvelopeError('no <Item> or </Sending> within the first megabyte');
          return;
        }
        yield { kind: 'head', xml: pending.slice(0, at) };
        pending = pending.slice(at);
        phase = 'items';
        continue;
      }
      if (phase === 'items') {
        const trimmed = pending.trimStart();
        if (trimmed.length !== pending.length) {
          pending = trimmed;
          endSearchFrom = 0;
        }
        if (pending === '') {
          if (final) throw new MalformedEnvelopeError('the file ends before </Sending>');
          return;
        }
        // A chunk may end inside `</Sending>` or `<!--`: wait for the rest before judging.
        if (!final && (SENDING_END.startsWith(pending) || '<!--'.startsWith(pending))) return;
        if (pending.startsWith('<!--')) {
          const close = pending.indexOf('-->');
          if (close < 0) {
            if (final) throw new MalformedEnvelopeError('unterminated comment');
            return;
          }
          pending = pending.slice(close + 3);
          continue;
        }
        if (pending.startsWith(SENDING_END)) {
          phase = 'tail';
          continue;
        }
        const selfClosed = SELF_CLOSED_ITEM.exec(pending);
        if (selfClosed !== null) {
          index += 1;
          yield { kind: 'item', xml: selfClosed[0] };
          pending = pending.slice(selfClosed[0].length);
          continue;
        }
        if (pending.length >= 6 && ITEM_START.exec(pending.slice(0, 6))?.index !== 0) {
          throw new MalformedEnvelopeError(
            `unexpected content after item ${index}: ${JSON.stringify(pending.slice(0, 40))}`,
          );
        }
        const end = pending.indexOf(ITEM_END, endSearchFrom);
        if (end < 0) {
          if (pending.length > MAX_PIECE_CHARS)
            throw new MalformedEnvelopeError(`item ${index} is larger than a megabyte`);
          endSearchFrom = Math.max(0, pending.length - ITEM_END.length);
          if (final) throw new MalformedEnvelopeError(`item ${index} is not closed`);
          return;
        }
        const stop = end + ITEM_END.length;
        index += 1;
        yield { kind: 'item', xml: pending.slice(0, stop) };
        pending = pending.slice(stop);
        endSearchFrom = 0;
        continue;
      }
      if (pending.length > MAX_PIECE_CHARS)
        throw new MalformedEnvelopeError('the text after </Sending> is larger than a megabyte');
      return;
    }
  }

  const decode = (chunk?: Uint8Array): string => {
    // ISO-8859-1 is one byte a character: every byte sequence is text, none spans chunks.
    if (options.latin1 === true)
      return chunk === undefined ? '' : Buffer.from(chunk).toString('latin1');
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new MalformedEnvelopeError('the file is not UTF-8');
    }
  };

  for await (const chunk of source) {
    pending += decode(chunk);
    yield* drain(false);
  }
  pending += decode();
  yield* drain(true);
  if (phase !== 'tail') throw new MalformedEnvelopeError('the file ends before </Sending>');
  yield { kind: 'tail', xml: pending };
}
