/**
 * The colours of an exported diagram, one set per theme. They are the studio's own theme colours: the page's
 * stylesheet (src/lib/styles/theme.css) is the source, and they are written out here because an exported file
 * cannot read CSS variables. `CSS_VARIABLES` says which variable each colour is; theme.test.ts fails when the two
 * files disagree, so a colour is changed in theme.css and copied here.
 */
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
    key: '#b35c00',
    line: '#5d6678',
  },
  dark: {
    bg: '#14171d',
    panel: '#1c2028',
    header: '#242a34',
    fg: '#e4e7ee',
    muted: '#9aa3b5',
    border: '#343b48',
    accent: '#748ffc',
    key: '#ffa94d',
    line: '#9aa3b5',
  },
};

/** The font stacks: system fonts only, so the file needs nothing from outside. */
export const DIAGRAM_FONTS = {
  sans: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  mono: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
} as const;
