/** Black, not the app's ink: only black or white reach 4.5:1 on every mid-tone hue. */
const DARK_INK = '#000000';
const LIGHT_INK = '#ffffff';

/** Red, green and blue (0-255) of `#rrggbb` or `hsl(h, s%, l%)`, the forms presence colours take; null otherwise. */
export function parseColour(colour: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const hsl = /^hsl\(\s*(-?[\d.]+)(?:deg)?\s*,?\s*([\d.]+)%\s*,?\s*([\d.]+)%\s*\)$/i.exec(
    colour.trim(),
  );
  if (!hsl) return null;
  const hue = (((Number(hsl[1]) % 360) + 360) % 360) / 360;
  const saturation = Number(hsl[2]) / 100;
  const lightness = Number(hsl[3]) / 100;
  const q =
    lightness < 0.5
      ? lightness * (1 + saturation)
      : lightness + saturation - lightness * saturation;
  const p = 2 * lightness - q;
  const channel = (offset: number): number => {
    let t = hue + offset;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    const value =
      t < 1 / 6
        ? p + (q - p) * 6 * t
        : t < 1 / 2
          ? q
          : t < 2 / 3
            ? p + (q - p) * (2 / 3 - t) * 6
            : p;
    return Math.round(value * 255);
  };
  return [channel(1 / 3), channel(0), channel(-1 / 3)];
}

function luminance([red, green, blue]: [number, number, number]): number {
  const linear = (value: number): number => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour that reads best on a person's presence colour (white or
 * black), so initials stay legible whatever hue they were given.
 */
export function readableInk(background: string): string {
  const rgb = parseColour(background);
  if (!rgb) return LIGHT_INK;
  const onLight = contrastRatio(rgb, [255, 255, 255]);
  const onDark = contrastRatio(rgb, [0, 0, 0]);
  return onLight >= onDark ? LIGHT_INK : DARK_INK;
}
