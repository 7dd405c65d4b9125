/** sRGB channels 0-255 of a CSS colour in `#rrggbb` or `hsl(h, s%, l%)` form; null for anything else. */
export function rgbOf(colour: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const hsl = /^hsl\(\s*([\d.]+)\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*\)$/i.exec(colour.trim());
  if (!hsl) return null;
  const h = Number(hsl[1]) % 360;
  const s = Number(hsl[2]) / 100;
  const l = Number(hsl[3]) / 100;
  const chroma = (1 - Math.abs(2 * l - 1)) * s;
  const part = chroma * (1 - Math.abs(((h / 60) % 2) - 1));
  const [r, g, b] =
    h < 60
      ? [chroma, part, 0]
      : h < 120
        ? [part, chroma, 0]
        : h < 180
          ? [0, chroma, part]
          : h < 240
            ? [0, part, chroma]
            : h < 300
              ? [part, 0, chroma]
              : [chroma, 0, part];
  const m = l - chroma / 2;
  return [r + m, g + m, b + m].map((channel) => Math.round(channel * 255)) as [
    number,
    number,
    number,
  ];
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number]): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two luminances. */
export function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * The text colour, black or white, that reads best on `background` (a
 * person's presence colour, which the server or the person chose).
 */
export function readableTextOn(background: string): '#000000' | '#ffffff' {
  const rgb = rgbOf(background);
  if (rgb === null) return '#ffffff';
  const shade = luminance(rgb);
  return contrast(shade, 0) >= contrast(shade, 1) ? '#000000' : '#ffffff';
}
