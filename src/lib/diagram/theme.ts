/**
 * The colours of an exported diagram, one set per theme. They are the studio's own theme colours: the page's
 * stylesheet (src/lib/styles/theme.css) is the source, and they are written out here because an exported file
 * cannot read CSS variables. `CSS_VARIABLES` says which variable each colour is; theme.test.ts fails when the two
 * files disagree, so a colour is changed in theme.css and copied here.
 */
import type { DiagramColor } from '../core/design';

export type DiagramTheme = 'light' | 'dark';

/** The theme the page shows now: a theme set on the page (`<html data-theme>`) wins over the system's. */
export function currentTheme(): DiagramTheme {
  const set = typeof document !== 'undefined' ? document.documentElement.dataset.theme : undefined;
  if (set === 'light' || set === 'dark') return set;
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export interface DiagramColours {
  /** The picture's background. */
  bg: string;
  /** A card's body. */
  panel: string;
  /** A card's header. */
  header: string;
  fg: string;
  muted: string;
  border: string;
  /** Foreign-key markers, enum types. */
  accent: string;
  /** Primary-key markers. */
  key: string;
  /** Relation lines and their ends. */
  line: string;
}

/** The theme.css variable each diagram colour repeats. */
export const CSS_VARIABLES: Record<keyof DiagramColours, string> = {
  bg: '--bg',
  panel: '--panel',
  header: '--panel-2',
  fg: '--fg',
  muted: '--muted',
  border: '--border',
  accent: '--accent',
  key: '--warning',
  line: '--muted',
};

export const DIAGRAM_COLOURS: Record<DiagramTheme, DiagramColours> = {
  light: {
    bg: '#f6f7f9',
    panel: '#ffffff',
    header: '#f0f2f5',
    fg: '#1d2330',
    muted: '#5d6678',
    border: '#d9dde5',
    accent: '#3b5bdb',
    key: '#a35200',
    line: '#5d6678',
  },
  dark: {
    bg: '#14171d',
    panel: '#1c2028',
    header: '#242a34',
    fg: '#e4e7ee',
    muted: '#9aa3b5',
    border: '#343b48',
    accent: '#8299fd',
    key: '#ffa94d',
    line: '#9aa3b5',
  },
};

/** The font stacks: system fonts only, so the file needs nothing from outside. */
export const DIAGRAM_FONTS = {
  sans: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  mono: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
} as const;

/** One palette colour in one theme: `strong` for lines, borders and names, `soft` for fills behind text. */
export interface PaletteShade {
  strong: string;
  soft: string;
}

/** The theme.css variables of a palette colour (`--diagram-teal`, `--diagram-teal-soft`). */
export function paletteVariables(color: DiagramColor): Record<keyof PaletteShade, string> {
  return { strong: `--diagram-${color}`, soft: `--diagram-${color}-soft` };
}

/** The named colours of tables, notes and areas, per theme (theme.test.ts checks them against theme.css). */
export const DIAGRAM_PALETTE: Record<DiagramTheme, Record<DiagramColor, PaletteShade>> = {
  light: {
    gray: { strong: '#868e96', soft: '#eceef2' },
    red: { strong: '#e03131', soft: '#ffe3e3' },
    orange: { strong: '#e8590c', soft: '#ffe8cc' },
    yellow: { strong: '#e67700', soft: '#fff3bf' },
    green: { strong: '#2f9e44', soft: '#d3f9d8' },
    teal: { strong: '#099268', soft: '#c3fae8' },
    blue: { strong: '#1971c2', soft: '#d0ebff' },
    purple: { strong: '#7048e8', soft: '#e5dbff' },
    pink: { strong: '#d6336c', soft: '#ffdeeb' },
  },
  dark: {
    gray: { strong: '#adb5bd', soft: '#2a2f38' },
    red: { strong: '#ff8787', soft: '#3d2226' },
    orange: { strong: '#ffa94d', soft: '#3d2b1c' },
    yellow: { strong: '#ffd43b', soft: '#3a3420' },
    green: { strong: '#69db7c', soft: '#1f3325' },
    teal: { strong: '#38d9a9', soft: '#1a3330' },
    blue: { strong: '#74c0fc', soft: '#1b2c40' },
    purple: { strong: '#b197fc', soft: '#2c2545' },
    pink: { strong: '#f783ac', soft: '#3d2230' },
  },
};

/** A note without a colour of its own is a yellow sticky note; an area without one is gray. */
export const DEFAULT_NOTE_COLOR: DiagramColor = 'yellow';
export const DEFAULT_AREA_COLOR: DiagramColor = 'gray';
