import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColour, readableInk } from './readable-ink.js';

describe('parseColour', () => {
  it('reads hex and the hsl() form the server gives presence colours', () => {
    expect(parseColour('#1f4f8a')).toEqual([31, 79, 138]);
    expect(parseColour('hsl(0, 100%, 50%)')).toEqual([255, 0, 0]);
    expect(parseColour('hsl(120, 100%, 25%)')).toEqual([0, 128, 0]);
    expect(parseColour('rebeccapurple')).toBeNull();
  });
});

describe('readableInk', () => {
  it('writes white on dark colours and dark ink on light ones', () => {
    expect(readableInk('#1f4f8a')).toBe('#ffffff');
    expect(readableInk('hsl(60, 70%, 45%)')).toBe('#000000');
    expect(readableInk('#ffe680')).toBe('#000000');
  });

  it('keeps small text legible (at least 4.5:1) on every hue the server can give', () => {
    for (let hue = 0; hue < 360; hue += 1) {
      const background = parseColour(`hsl(${hue}, 70%, 45%)`)!;
      const ink = parseColour(readableInk(`hsl(${hue}, 70%, 45%)`))!;
      expect(contrastRatio(background, ink)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
