// Pixel-level helpers over a pureimage bitmap: crisp boxes written straight into the RGBA
// buffer (no anti-aliasing, so colours stay exact), anti-aliased polylines via pureimage,
// and PNG encoding with pngjs. Everything is synchronous and deterministic.
import { PNG } from 'pngjs';
import { type Bitmap, make } from 'pureimage';

export type Rgb = readonly [number, number, number];

export function createBitmap(width: number, height: number, background: Rgb): Bitmap {
  const bitmap = make(width, height);
  fillBox(bitmap, 0, 0, width, height, background);
  return bitmap;
}

/** Fills the integer box [x, x+w) × [y, y+h), clipped to the bitmap. */
export function fillBox(bitmap: Bitmap, x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(bitmap.width, Math.round(x + w));
  const y1 = Math.min(bitmap.height, Math.round(y + h));
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const i = (py * bitmap.width + px) * 4;
      bitmap.data[i] = r;
      bitmap.data[i + 1] = g;
      bitmap.data[i + 2] = b;
      bitmap.data[i + 3] = 255;
    }
  }
}

export function strokePolyline(bitmap: Bitmap, points: [number, number][], color: Rgb, lineWidth: number): void {
  if (points.length < 2) return;
  const ctx = bitmap.getContext('2d');
  ctx.strokeStyle = toHex(color);
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  const [[x0, y0], ...rest] = points as [[number, number], ...[number, number][]];
  ctx.moveTo(x0, y0);
  for (const [x, y] of rest) ctx.lineTo(x, y);
  ctx.stroke();
}

/** Opaque RGB PNG (the alpha channel is always 255, so it is dropped). */
export function encodePng(bitmap: Bitmap): Buffer {
  const png = new PNG({ width: bitmap.width, height: bitmap.height });
  png.data = Buffer.from(bitmap.data.buffer, bitmap.data.byteOffset, bitmap.data.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputHasAlpha: true });
}

function toHex(color: Rgb): string {
  return `#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
