import { describe, expect, it } from 'vitest';
import { contrast, luminance, readableTextOn, rgbOf } from './readable-text.js';

describe('readableTextOn', () => {
  it('reads hex and hsl colours', () => {
    expect(rgbOf('#ff0000')).toEqual([255, 0, 0]);
    expect(rgbOf('hsl(120, 100%, 25%)')).toEqual([0, 128, 0]);
    expect(rgbOf('red')).toBeNull();
  });

  it('gives every presence colour the server can choose a text colour with at least 4.5:1 contrast', () => {
    for (let hue = 0; hue < 360; hue += 1) {
      const background = `hsl(${hue}, 70%, 45%)`;
      const text = readableTextOn(background);
      const ratio = contrast(luminance(rgbOf(background)!), luminance(rgbOf(text)!));
      expect(ratio, background).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses white on dark colours and black on light ones', () => {
    expect(readableTextOn('#1f3a5f')).toBe('#ffffff');
    expect(readableTextOn('#f4c542')).toBe('#000000');
  });
});
