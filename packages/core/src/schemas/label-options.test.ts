import { describe, expect, it } from 'vitest';
import { LabelOptionsSchema } from './label-options';

describe('LabelOptionsSchema', () => {
  it('defaults to an A6 PDF at 300 dpi with both addresses', () => {
    expect(LabelOptionsSchema.parse({})).toEqual({
      layout: 'A6',
      format: 'pdf',
      printAddresses: 'both',
      resolution: 300,
      printPreview: false,
      language: 'de',
      sheet: 'label',
      startPosition: 1,
    });
  });

  it.each([
    [{ layout: 'A4' }, 'layout'],
    [{ format: 'jpg' }, 'format'],
    [{ printAddresses: 'all' }, 'printAddresses'],
    [{ resolution: 203 }, 'resolution'],
    [{ sheet: 'a4', layout: 'A7' }, 'sheet'],
    [{ sheet: 'a4', format: 'zpl' }, 'format'],
    [{ sheet: 'a4', startPosition: 5 }, 'startPosition'],
    [{ startPosition: 2 }, 'startPosition'],
  ])('refuses %j at %s', (input, path) => {
    const result = LabelOptionsSchema.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('takes A6 labels on A4 with a start position', () => {
    expect(LabelOptionsSchema.parse({ sheet: 'a4', startPosition: 3 })).toMatchObject({
      layout: 'A6',
      sheet: 'a4',
      startPosition: 3,
    });
  });
});
