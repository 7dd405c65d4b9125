import { describe, expect, it } from 'vitest';
import { scrollToShow, virtualWindow } from './virtual-window.js';

describe('virtualWindow', () => {
  it('renders the visible lines and the overscan around them, padding the rest', () => {
    const window = virtualWindow(2000, 3600, 360, 36, 5);
    expect(window).toEqual({
      start: 95,
      end: 116,
      paddingTopPx: 95 * 36,
      paddingBottomPx: (2000 - 116) * 36,
    });
  });

  it('starts at the first line at the top and stops at the last line at the bottom', () => {
    expect(virtualWindow(2000, 0, 360, 36, 5)).toMatchObject({ start: 0, paddingTopPx: 0 });
    expect(virtualWindow(20, 10_000, 360, 36, 5)).toMatchObject({ end: 20, paddingBottomPx: 0 });
  });

  it('renders every line of a short list', () => {
    expect(virtualWindow(3, 0, 360, 36)).toEqual({
      start: 0,
      end: 3,
      paddingTopPx: 0,
      paddingBottomPx: 0,
    });
    expect(virtualWindow(0, 0, 360, 36)).toEqual({
      start: 0,
      end: 0,
      paddingTopPx: 0,
      paddingBottomPx: 0,
    });
  });
});

describe('scrollToShow', () => {
  it('scrolls up to a line above the viewport and down to one below it', () => {
    expect(scrollToShow(2, 360, 360, 36)).toBe(72);
    expect(scrollToShow(30, 0, 360, 36)).toBe(31 * 36 - 360);
  });

  it('leaves the scroll where it is when the line is in view', () => {
    expect(scrollToShow(12, 360, 360, 36)).toBe(360);
  });
});
