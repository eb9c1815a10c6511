import { describe, expect, it } from 'vitest';
import { encodeCode128C } from './code128';
import type { Orientation } from './geometry';
import { barRects, symbolBox, symbolLength, turn } from './geometry';

const pattern = encodeCode128C('0509');
const item = (orientation: Orientation) => ({
  x: 10,
  y: 20,
  height: 5,
  module: 0.5,
  orientation,
  pattern,
});

describe('barRects', () => {
  it('lays the bars out from the start pattern along the reading direction', () => {
    // Start C is 2 1 1 2 3 2: bars of 2, 1 and 3 modules at modules 0, 3 and 6.
    const rects = barRects(item(0));
    expect(rects).toHaveLength(3 * 4 + 4);
    expect(rects.slice(0, 3)).toEqual([
      { x: 10, y: 20, width: 1, height: 5 },
      { x: 11.5, y: 20, width: 0.5, height: 5 },
      { x: 13, y: 20, width: 1.5, height: 5 },
    ]);
  });

  it.each([
    [0, 'starts at the left edge', (r: { x: number }) => r.x, 10],
    [90, 'starts at the top edge', (r: { y: number }) => r.y, 20],
    [180, 'ends at the left edge', (r: { x: number; width: number }) => r.x + r.width, 10 + 28.5],
    [
      270,
      'starts at the bottom edge',
      (r: { y: number; height: number }) => r.y + r.height,
      20 + 28.5,
    ],
  ] as const)('turned %d°, stays in its box and %s', (orientation, _what, edgeOf, edge) => {
    const length = symbolLength(item(orientation));
    expect(length).toBe(57 * 0.5);
    const box = symbolBox(item(orientation), length);
    const rects = barRects(item(orientation));
    for (const rect of rects) {
      expect(rect.x).toBeGreaterThanOrEqual(box.x - 1e-9);
      expect(rect.y).toBeGreaterThanOrEqual(box.y - 1e-9);
      expect(rect.x + rect.width).toBeLessThanOrEqual(box.x + box.width + 1e-9);
      expect(rect.y + rect.height).toBeLessThanOrEqual(box.y + box.height + 1e-9);
    }
    // The 2-module first bar of Start C sits at the symbol's start.
    expect(edgeOf(rects[0] as never)).toBeCloseTo(edge, 9);
    const thickness = Math.min(rects[0]?.width ?? 0, rects[0]?.height ?? 0);
    expect(thickness).toBeCloseTo(1, 9);
  });

  it('turns orientations clockwise', () => {
    expect(turn(270, 90)).toBe(0);
    expect(turn(0, 90)).toBe(90);
    expect(turn(180, 270)).toBe(90);
  });
});
