import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, ChunkBuffers } from './chunk-buffers';

const text = (bytes: Uint8Array, encoding: BufferEncoding) => Buffer.from(bytes).toString(encoding);

describe('ChunkBuffers', () => {
  it('encodes UTF-8 and says when a chunk is ready', () => {
    const chunks = new ChunkBuffers('UTF-8');
    expect(chunks.put('<Name1>Zoë Đoković</Name1>')).toBe(false);
    expect(chunks.put('x'.repeat(CHUNK_BYTES))).toBe(true);
    const taken = chunks.take();
    expect(taken.length).toBe(Buffer.byteLength('<Name1>Zoë Đoković</Name1>') + CHUNK_BYTES);
    expect(text(taken.subarray(0, 29), 'utf8')).toBe('<Name1>Zoë Đoković</Name1>');
    expect(chunks.take().length).toBe(0);
  });

  it('writes ISO-8859-1 with character references for what it lacks', () => {
    const chunks = new ChunkBuffers('ISO-8859-1');
    chunks.put('Zoë Đoković €\u0085');
    expect(text(chunks.take(), 'latin1')).toBe('Zoë &#272;okovi&#263; &#8364;&#133;');
  });

  it('keeps the bytes taken while the next chunk fills the other buffer', () => {
    const chunks = new ChunkBuffers('UTF-8');
    chunks.put('first');
    const first = chunks.take();
    chunks.put('second');
    const second = chunks.take();
    expect(text(first, 'utf8')).toBe('first');
    expect(text(second, 'utf8')).toBe('second');
  });

  it('takes a piece larger than the room left, bytes before it kept', () => {
    const chunks = new ChunkBuffers('UTF-8');
    chunks.put('head:');
    const huge = 'ü'.repeat(CHUNK_BYTES * 2);
    expect(chunks.put(huge)).toBe(true);
    const taken = chunks.take();
    expect(text(taken, 'utf8')).toBe(`head:${huge}`);
  });
});
