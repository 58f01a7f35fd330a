import { describe, expect, it } from 'vitest';
import {
  CANVAS_MIN,
  PANEL_MAX,
  PANEL_MIN,
  clampPanelWidth,
  keyedPanelWidth,
  maxPanelWidth,
  parseStoredWidth,
} from './panel-size';

describe('clampPanelWidth', () => {
  it('keeps a width inside the limits as it is, rounded to a pixel', () => {
    expect(clampPanelWidth(512.4, 1280)).toBe(512);
  });
  it('never goes below the minimum', () => {
    expect(clampPanelWidth(40, 1280)).toBe(PANEL_MIN);
    expect(clampPanelWidth(-5, 1280)).toBe(PANEL_MIN);
  });
  it('leaves the canvas its room in a narrow window', () => {
    expect(clampPanelWidth(2000, 1280)).toBe(1280 - CANVAS_MIN);
    expect(clampPanelWidth(2000, 1024)).toBe(1024 - CANVAS_MIN);
  });
  it('stops at the maximum in a very wide window', () => {
    expect(clampPanelWidth(5000, 4000)).toBe(PANEL_MAX);
  });
  it('keeps the minimum even when the window is too narrow for both', () => {
    expect(clampPanelWidth(500, 500)).toBe(PANEL_MIN);
    expect(maxPanelWidth(500)).toBe(PANEL_MIN);
  });
  it('turns a width that is not a number into the minimum', () => {
    expect(clampPanelWidth(Number.NaN, 1280)).toBe(PANEL_MIN);
  });
});

describe('parseStoredWidth', () => {
  it('reads a stored number', () => {
    expect(parseStoredWidth('512', 420)).toBe(512);
    expect(parseStoredWidth('600.6', 420)).toBe(601);
  });
  it('falls back on nothing stored or a corrupted value', () => {
    for (const raw of [null, undefined, '', '  ', 'wide', 'NaN', 'Infinity', '0', '-300', '{"w":1}']) {
      expect(parseStoredWidth(raw, 420), String(raw)).toBe(420);
    }
  });
});

describe('keyedPanelWidth', () => {
  const key = (k: string, shiftKey = false) => ({ key: k, shiftKey });
  it('widens with ArrowLeft and narrows with ArrowRight, by a step or four with Shift', () => {
    expect(keyedPanelWidth(420, key('ArrowLeft'), 1280)).toBe(436);
    expect(keyedPanelWidth(420, key('ArrowRight'), 1280)).toBe(404);
    expect(keyedPanelWidth(420, key('ArrowLeft', true), 1280)).toBe(484);
    expect(keyedPanelWidth(420, key('ArrowRight', true), 1280)).toBe(356);
  });
  it('stays inside the limits', () => {
    expect(keyedPanelWidth(PANEL_MIN, key('ArrowRight'), 1280)).toBe(PANEL_MIN);
    expect(keyedPanelWidth(915, key('ArrowLeft'), 1280)).toBe(920);
  });
  it('goes to either limit with Home and End', () => {
    expect(keyedPanelWidth(600, key('Home'), 1280)).toBe(PANEL_MIN);
    expect(keyedPanelWidth(600, key('End'), 1280)).toBe(920);
  });
  it('ignores other keys', () => {
    expect(keyedPanelWidth(420, key('ArrowUp'), 1280)).toBeNull();
    expect(keyedPanelWidth(420, key('a'), 1280)).toBeNull();
  });
});
