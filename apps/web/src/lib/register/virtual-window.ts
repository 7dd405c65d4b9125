/** The slice of a long list to render, and the space the rest takes above and below it. */
export interface VirtualWindow {
  start: number;
  end: number;
  paddingTopPx: number;
  paddingBottomPx: number;
}

/**
 * Which of `count` lines of `lineHeightPx` are visible in a viewport scrolled
 * to `scrollTopPx`, with `overscan` lines more on each side so that scrolling
 * and moving with the keyboard never show a blank line.
 */
export function virtualWindow(
  count: number,
  scrollTopPx: number,
  viewportHeightPx: number,
  lineHeightPx: number,
  overscan = 10,
): VirtualWindow {
  const first = Math.floor(Math.max(0, scrollTopPx) / lineHeightPx);
  const visible = Math.ceil(Math.max(0, viewportHeightPx) / lineHeightPx) + 1;
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.max(start, Math.min(count, first + visible + overscan));
  return {
    start,
    end,
    paddingTopPx: start * lineHeightPx,
    paddingBottomPx: (count - end) * lineHeightPx,
  };
}

/** The scroll position that brings line `index` into view, or the current one if it is in view. */
export function scrollToShow(
  index: number,
  scrollTopPx: number,
  viewportHeightPx: number,
  lineHeightPx: number,
): number {
  const top = index * lineHeightPx;
  if (top < scrollTopPx) return top;
  if (top + lineHeightPx > scrollTopPx + viewportHeightPx) {
    return top + lineHeightPx - viewportHeightPx;
  }
  return scrollTopPx;
}
