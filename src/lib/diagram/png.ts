/**
 * PNG sizes: the pixel size of a diagram at a scale, refused with a clear message when it is more than a
 * browser canvas can hold, and the size written in a PNG file's header (for checking a download).
 */

/** Chromium's canvas limits: 32767 pixels a side and 16384 × 16384 pixels in all. */
export const MAX_CANVAS_SIDE = 32767;
export const MAX_CANVAS_AREA = 16384 * 16384;
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 10;

export type PngPlan =
  | { ok: true; width: number; height: number; scale: number }
  | { ok: false; width: number; height: number; scale: number; message: string };

/**
 * The pixel size of a `width` × `height` diagram at `scale`, or why it cannot be drawn.
 * @example pngPlan(1200, 800, 2) // { ok: true, width: 2400, height: 1600, scale: 2 }
 */
export function pngPlan(width: number, height: number, scale: number): PngPlan {
  if (!Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    return {
      ok: false,
      width: 0,
      height: 0,
      scale,
      message: `The scale must be a number from ${MIN_SCALE} to ${MAX_SCALE}.`,
    };
  }
  const w = Math.max(1, Math.ceil(width * scale));
  const h = Math.max(1, Math.ceil(height * scale));
  if (w > MAX_CANVAS_SIDE || h > MAX_CANVAS_SIDE || w * h > MAX_CANVAS_AREA) {
    const fit = Math.floor(
      Math.min(MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height))) * 10,
    );
    const hint =
      fit >= MIN_SCALE * 10
        ? ` Choose a scale of at most ${fit / 10}, or export SVG, which has no size limit.`
        : ' Export SVG instead, which has no size limit.';
    return {
      ok: false,
      width: w,
      height: h,
      scale,
      message: `A ${w} × ${h} pixel image is larger than a browser can draw (at most ${MAX_CANVAS_SIDE} pixels a side and 16384 × 16384 pixels in all).${hint}`,
    };
  }
  return { ok: true, width: w, height: h, scale };
}

/**
 * Width and height from a PNG file's IHDR chunk, or null when the bytes are not a PNG.
 * @example pngSize(bytes) // { width: 2400, height: 1600 }
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
