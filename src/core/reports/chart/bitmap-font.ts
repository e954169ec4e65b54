// A 5x7 pixel font drawn straight into the bitmap: pureimage needs a TTF file for text and
// we ship none, so charts carry their own glyphs. Lowercase is drawn as uppercase; any
// character without a glyph becomes '?'.
import type { Bitmap } from 'pureimage';
import { fillBox, type Rgb } from './raster.js';

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Horizontal distance between glyph origins, in font pixels (one blank column). */
const ADVANCE = GLYPH_WIDTH + 1;
const ELLIPSIS = '…';

// Seven rows of five columns each, top to bottom; '1' is ink.
const GLYPHS: Record<string, string> = {
  A: '01110 10001 10001 11111 10001 10001 10001',
  B: '11110 10001 10001 11110 10001 10001 11110',
  C: '01110 10001 10000 10000 10000 10001 01110',
  D: '11110 10001 10001 10001 10001 10001 11110',
  E: '11111 10000 10000 11110 10000 10000 11111',
  F: '11111 10000 10000 11110 10000 10000 10000',
  G: '01110 10001 10000 10111 10001 10001 01111',
  H: '10001 10001 10001 11111 10001 10001 10001',
  I: '01110 00100 00100 00100 00100 00100 01110',
  J: '00111 00010 00010 00010 00010 10010 01100',
  K: '10001 10010 10100 11000 10100 10010 10001',
  L: '10000 10000 10000 10000 10000 10000 11111',
  M: '10001 11011 10101 10101 10001 10001 10001',
  N: '10001 10001 11001 10101 10011 10001 10001',
  O: '01110 10001 10001 10001 10001 10001 01110',
  P: '11110 10001 10001 11110 10000 10000 10000',
  Q: '01110 10001 10001 10001 10101 10010 01101',
  R: '11110 10001 10001 11110 10100 10010 10001',
  S: '01111 10000 10000 01110 00001 00001 11110',
  T: '11111 00100 00100 00100 00100 00100 00100',
  U: '10001 10001 10001 10001 10001 10001 01110',
  V: '10001 10001 10001 10001 10001 01010 00100',
  W: '10001 10001 10001 10101 10101 10101 01010',
  X: '10001 10001 01010 00100 01010 10001 10001',
  Y: '10001 10001 10001 01010 00100 00100 00100',
  Z: '11111 00001 00010 00100 01000 10000 11111',
  '0': '01110 10001 10011 10101 11001 10001 01110',
  '1': '00100 01100 00100 00100 00100 00100 01110',
  '2': '01110 10001 00001 00010 00100 01000 11111',
  '3': '11111 00010 00100 00010 00001 10001 01110',
  '4': '00010 00110 01010 10010 11111 00010 00010',
  '5': '11111 10000 11110 00001 00001 10001 01110',
  '6': '00110 01000 10000 11110 10001 10001 01110',
  '7': '11111 00001 00010 00100 01000 01000 01000',
  '8': '01110 10001 10001 01110 10001 10001 01110',
  '9': '01110 10001 10001 01111 00001 00010 01100',
  ' ': '00000 00000 00000 00000 00000 00000 00000',
  '.': '00000 00000 00000 00000 00000 01100 01100',
  ',': '00000 00000 00000 00000 01100 00100 01000',
  ':': '00000 01100 01100 00000 01100 01100 00000',
  '-': '00000 00000 00000 11111 00000 00000 00000',
  _: '00000 00000 00000 00000 00000 00000 11111',
  '/': '00000 00001 00010 00100 01000 10000 00000',
  '%': '11000 11001 00010 00100 01000 10011 00011',
  '(': '00010 00100 01000 01000 01000 00100 00010',
  ')': '01000 00100 00010 00010 00010 00100 01000',
  '#': '01010 01010 11111 01010 11111 01010 01010',
  "'": '01100 00100 01000 00000 00000 00000 00000',
  '+': '00000 00100 00100 11111 00100 00100 00000',
  '<': '00010 00100 01000 10000 01000 00100 00010',
  '>': '01000 00100 00010 00001 00010 00100 01000',
  '=': '00000 00000 11111 00000 11111 00000 00000',
  '!': '00100 00100 00100 00100 00100 00000 00100',
  '?': '01110 10001 00001 00010 00100 00000 00100',
  [ELLIPSIS]: '00000 00000 00000 00000 00000 00000 10101',
};

/** Ink cells of each glyph as [column, row] pairs, parsed once. */
const INK = new Map<string, [number, number][]>(
  Object.entries(GLYPHS).map(([char, rows]) => [
    char,
    rows
      .split(' ')
      .flatMap((row, y) => [...row].flatMap((bit, x) => (bit === '1' ? [[x, y] as [number, number]] : []))),
  ]),
);

/** Whether `char` (or its uppercase form) has its own glyph rather than the '?' fallback. */
export function hasGlyph(char: string): boolean {
  return INK.has(char) || INK.has(char.toUpperCase());
}

function inkOf(char: string): [number, number][] {
  return INK.get(char) ?? INK.get(char.toUpperCase()) ?? INK.get('?')!;
}

/** Width in pixels of `text` at an integer `scale` (no trailing blank column). */
export function textWidth(text: string, scale: number): number {
  const length = [...text].length;
  return length === 0 ? 0 : (length * ADVANCE - 1) * scale;
}

/** `text`, shortened with an ellipsis when it is wider than `maxWidth` pixels. */
export function fitText(text: string, maxWidth: number, scale: number): string {
  if (textWidth(text, scale) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('').trimEnd()}${ELLIPSIS}`, scale) > maxWidth) chars.pop();
  return chars.length === 0 ? '' : `${chars.join('').trimEnd()}${ELLIPSIS}`;
}

export interface TextStyle {
  scale: number;
  color: Rgb;
  /** Rotated 90° counter-clockwise, read bottom to top (for the y-axis label); (x, y) is then the bottom-left. */
  vertical?: boolean;
}

/** Draws `text` with its top-left corner at (x, y). */
export function drawText(bitmap: Bitmap, text: string, x: number, y: number, style: TextStyle): void {
  const { scale, color, vertical = false } = style;
  x = Math.round(x);
  y = Math.round(y);
  [...text].forEach((char, index) => {
    const offset = index * ADVANCE;
    for (const [gx, gy] of inkOf(char)) {
      const px = vertical ? x + gy * scale : x + (offset + gx) * scale;
      const py = vertical ? y - (offset + gx + 1) * scale : y + gy * scale;
      fillBox(bitmap, px, py, scale, scale, color);
    }
  });
}
