/**
 * The CodeMirror 6 setup of the code editor, in its own module so that it is loaded (with a dynamic `import()`)
 * only when the tables.ts view is shown: the first screen never downloads it. Colours come from the page's CSS
 * variables, so the editor follows the light and dark themes like the rest of the page.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { HighlightStyle, bracketMatching, foldGutter, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Annotation, EditorState, Transaction } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import type { TextChange } from './text-change';

/** Marks a transaction made by the page (a re-print of generated code), not by the user's typing. */
const fromPage = Annotation.define<boolean>();

const theme = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'var(--panel-2)',
    fontSize: '12px',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    height: '100%',
  },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--accent-soft)',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--panel-2)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
    borderRadius: 'var(--radius) 0 0 var(--radius)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)', color: 'var(--fg)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--accent)' },
  '.cm-searchMatch': { backgroundColor: 'color-mix(in srgb, var(--warning) 30%, transparent)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)', borderColor: 'var(--border)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    boxShadow: 'var(--shadow)',
  },
  '.cm-diagnostic': { fontFamily: 'var(--font)', fontSize: '12px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--error)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warning)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--info)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--error)',
    textUnderlineOffset: '3px',
  },
  '.cm-lintRange-warning': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--warning)',
    textUnderlineOffset: '3px',
  },
  '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted var(--info)' },
});

/** The same token colours as the read-only code views (highlight.js classes in CodeBlock.svelte). */
const colours = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword, t.definitionKeyword], color: 'var(--accent)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--ok)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--warning)' },
  {
    tag: [t.typeName, t.className, t.function(t.variableName), t.function(t.propertyName), t.propertyName],
    color: 'var(--info)',
  },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: 'var(--muted)', fontStyle: 'italic' },
]);

export interface CodeEditorHandle {
  view: EditorView;
  /** The editor's text. */
  text(): string;
  /** Replaces one range with a page-made change (a re-print): the cursor maps through it, the user's undo skips it. */
  reprint(change: TextChange): void;
  /** Shows the parse's messages at their places; `[]` clears them. */
  diagnose(diagnostics: Diagnostic[]): void;
  /** Scrolls an offset to the top of the editor (the selected table's statement). */
  reveal(offset: number): void;
  destroy(): void;
}

export interface CodeEditorOptions {
  parent: HTMLElement;
  text: string;
  label: string;
  /** The user changed the text (typing, paste, undo in the editor); page-made re-prints do not count. */
  onedit: () => void;
  /** The editor lost focus. */
  onblur: () => void;
}

/** A CodeMirror editor for tables.ts in `parent`. */
export function createCodeEditor(opts: CodeEditorOptions): CodeEditorHandle {
  const state = EditorState.create({
    doc: opts.text,
    extensions: [
      lineNumbers(),
      foldGutter(),
      lintGutter(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      search({ top: true }),
      highlightSelectionMatches(),
      EditorState.tabSize.of(2),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
      javascript({ typescript: true }),
      syntaxHighlighting(colours),
      theme,
      EditorView.contentAttributes.of({ 'aria-label': opts.label, 'data-testid': 'code-editor-content' }),
      // A read-only view's content must still take focus, so the keyboard can scroll it (axe: scrollable-region-focusable).
      EditorView.contentAttributes.of({ tabindex: '0' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromPage))) opts.onedit();
        if (update.focusChanged && !update.view.hasFocus) opts.onblur();
      }),
    ],
  });
  const view = new EditorView({ state, parent: opts.parent });
  return {
    view,
    text: () => view.state.doc.toString(),
    reprint(change) {
      view.dispatch({
        changes: change,
        annotations: [fromPage.of(true), Transaction.addToHistory.of(false)],
      });
    },
    diagnose(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    reveal(offset) {
      const at = Math.min(Math.max(0, offset), view.state.doc.length);
      view.dispatch({ effects: EditorView.scrollIntoView(at, { y: 'start', yMargin: 8 }) });
    },
    destroy: () => view.destroy(),
  };
}
