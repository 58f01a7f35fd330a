import { describe, expect, it } from 'vitest';
import { MAX_CANVAS_AREA, MAX_CANVAS_SIDE, pngPlan, pngSize } from './png';

describe('pngPlan', () => {
  it('scales the size and rounds up to whole pixels', () => {
    expect(pngPlan(1200, 800, 2)).toEqual({ ok: true, width: 2400, height: 1600, scale: 2 });
    expect(pngPlan(1001, 333, 1.5)).toEqual({ ok: true, width: 1502, height: 500, scale: 1.5 });
    expect(pngPlan(320, 120, 0.1)).toEqual({ ok: true, width: 32, height: 12, scale: 0.1 });
  });

  it('refuses a scale that is not a sensible number', () => {
    for (const scale of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 11]) {
      const plan = pngPlan(100, 100, scale);
      expect(plan.ok).toBe(false);
      if (!plan.ok) expect(plan.message).toMatch(/scale must be a number from 0.1 to 10/);
    }
  });

  it('refuses an image larger than a browser canvas, naming the size and a scale that fits', () => {
    const plan = pngPlan(6000, 5000, 3);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect([plan.width, plan.height]).toEqual([18000, 15000]);
    expect(plan.width * plan.height).toBeGreaterThan(MAX_CANVAS_AREA);
    expect(plan.message).toContain('18000 × 15000');
    const fit = Number(/at most ([\d.]+),/.exec(plan.message)?.[1]);
    expect(fit).toBeGreaterThan(0);
    const fitted = pngPlan(6000, 5000, fit);
    expect(fitted.ok).toBe(true);
    expect(pngPlan(6000, 5000, fit + 0.1).ok).toBe(false);
  });

  it('refuses a side longer than the canvas allows even when the area would fit', () => {
    const plan = pngPlan(40000, 100, 1);
    expect(plan.ok).toBe(false);
    expect(plan.width).toBeGreaterThan(MAX_CANVAS_SIDE);
  });
});

describe('pngSize', () => {
  /** The start of a PNG file: signature and an IHDR chunk (the CRC is not read). */
  function pngHeader(width: number, height: number): Uint8Array {
    const bytes = new Uint8Array(33);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const view = new DataView(bytes.buffer);
    view.setUint32(16, width);
    view.setUint32(20, height);
    return bytes;
  }

  it('reads width and height from the IHDR chunk', () => {
    expect(pngSize(pngHeader(2400, 70000))).toEqual({ width: 2400, height: 70000 });
  });

  it('says null for bytes that are not a PNG', () => {
    expect(pngSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    const broken = pngHeader(1, 1);
    broken[12] = 0x58;
    expect(pngSize(broken)).toBeNull();
    expect(pngSize(new Uint8Array(0))).toBeNull();
  });
});
