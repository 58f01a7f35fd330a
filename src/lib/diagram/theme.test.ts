import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_COLORS } from '../core/design';
import {
  CSS_VARIABLES,
  DIAGRAM_COLOURS,
  DIAGRAM_PALETTE,
  type DiagramColours,
  type DiagramTheme,
  paletteVariables,
} from './theme';

const LIB = new URL('../', import.meta.url).pathname;
const THEME_CSS = readFileSync(join(LIB, 'styles/theme.css'), 'utf8');

/** The `--name: value;` declarations of a CSS block's body. */
function declarations(body: string): Map<string, string> {
  return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** The page's variables in each theme: light from `:root`, dark from the `prefers-color-scheme: dark` block. */
function pageVariables(css: string): Record<DiagramTheme, Map<string, string>> {
  const light = /^:root\s*\{([^}]*)\}/m.exec(css);
  const dark = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css);
  if (!light || !dark) throw new Error('theme.css no longer has a light :root block and a dark media block');
  const lightVars = declarations(light[1]!);
  // The dark block lists only what it changes; the rest (fonts, radius) comes from :root.
  return { light: lightVars, dark: new Map([...lightVars, ...declarations(dark[1]!)]) };
}

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.svelte'))
    .map((e) => join(e.parentPath, e.name));
}

describe('one palette', () => {
  const page = pageVariables(THEME_CSS);

  it.each(['light', 'dark'] as const)('the diagram colours of the %s theme are theme.css values', (theme) => {
    const fromCss = Object.fromEntries(
      Object.entries(CSS_VARIABLES).map(([key, variable]) => [key, page[theme].get(variable)]),
    ) as Record<keyof DiagramColours, string | undefined>;
    expect(DIAGRAM_COLOURS[theme]).toEqual(fromCss);
  });

  it.each(['light', 'dark'] as const)('the %s palette (table, note and area colours) is theme.css', (theme) => {
    const fromCss = Object.fromEntries(
      DIAGRAM_COLORS.map((color) => {
        const vars = paletteVariables(color);
        return [color, { strong: page[theme].get(vars.strong), soft: page[theme].get(vars.soft) }];
      }),
    );
    expect(DIAGRAM_PALETTE[theme]).toEqual(fromCss);
    // Every colour has its own shades, and the dark theme really has its own.
    const softs = DIAGRAM_COLORS.map((c) => DIAGRAM_PALETTE[theme][c].soft);
    expect(new Set(softs).size).toBe(DIAGRAM_COLORS.length);
    expect(DIAGRAM_PALETTE.dark.red.soft).not.toBe(DIAGRAM_PALETTE.light.red.soft);
  });

  it('reads both themes from theme.css, which really differ', () => {
    expect(page.light.get('--bg')).toBe('#f6f7f9');
    expect(page.dark.get('--bg')).toBe('#14171d');
    expect(page.dark.get('--radius')).toBe('6px');
  });

  it('no component writes a colour of its own: they use the variables or DIAGRAM_COLOURS', () => {
    const literals = svelteFiles(join(LIB, 'components')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/#[0-9a-f]{3,8}\b(?=[;\s'"),])/gi)].map(
        (m) => `${file.slice(LIB.length)}: ${m[0]}`,
      ),
    );
    expect(literals).toEqual([]);
  });
});
