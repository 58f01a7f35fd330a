/**
 * The live previews' state: which view is shown, whether the MoLOS-safe SQL is shown, and the latest results of
 * the two workers (TypeScript files; SQL and database). The panel calls `update(design)` on every edit; work is
 * debounced, limited to the part the shown view needs, skipped when that part's input did not change, and only
 * the latest request's result is ever shown.
 */
import type { Design } from '../core/design';
import type { Editor } from './editor.svelte';
import { LatestOnly, type Outcome } from '../worker/latest-only';
import { type PreviewPart, type PreviewView, stalePart, viewDef } from './preview-plan';
import { type ModuleGenerator, sharedWorkerGenerator } from '../worker/generator';
import type { GeneratedFile } from '../worker/protocol';
import type { SqlPreview, SqlView } from '../worker/sql-preview-protocol';
import { type SqlPreviewer, createWorkerSqlPreviewer } from '../worker/sql-previewer';
import { describeError } from '../worker/worker-client';

/** One part's latest result (kept while a newer one is computed), or why it failed. */
export interface PartState<T> {
  value: T | null;
  error: string | null;
  /** A request for a newer input is running or waiting. */
  busy: boolean;
}

const IDLE = { value: null, error: null, busy: false };

export interface PreviewServices {
  generator: ModuleGenerator;
  sql: SqlPreviewer;
}

export class Preview {
  view: PreviewView = $state('tables');
  safe: boolean = $state(false);
  code: PartState<GeneratedFile[]> = $state.raw(IDLE);
  sql: PartState<SqlPreview> = $state.raw(IDLE);

  private design: Design | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The input key of the last request per part: an unchanged input is not sent again. */
  private requested: Record<PreviewPart, string | null> = { code: null, sql: null };
  private readonly runners: {
    code: LatestOnly<Design, GeneratedFile[]>;
    sql: LatestOnly<{ design: Design; safe: boolean; only: SqlView }, SqlPreview>;
  };

  constructor(
    services: PreviewServices,
    private readonly debounceMs = 150,
  ) {
    this.runners = {
      code: new LatestOnly(
        (design) => services.generator.generate(design, { skipMigration: true }),
        (outcome) => (this.code = this.settle('code', this.code, outcome)),
      ),
      sql: new LatestOnly(
        ({ design, safe, only }) => services.sql.preview(design, { safe, only }),
        (outcome) => (this.sql = this.settle('sql', this.sql, outcome)),
      ),
    };
  }

  /**
   * The design changed: recompute at once when the shown view's worker is idle (an edit shows as soon as the
   * worker can print it), or when asked (the panel was just shown). While a request runs, edits are gathered
   * for a short pause and only the latest design waits for the worker.
   */
  update(design: Design, immediate = false): void {
    this.design = design;
    clearTimeout(this.timer);
    const shown = this[viewDef(this.view).part];
    if (immediate || !shown.busy) this.flush();
    else this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  show(view: PreviewView): void {
    this.view = view;
    this.flush();
  }

  setSafe(safe: boolean): void {
    this.safe = safe;
    this.flush();
  }

  /** Asks again for the shown view's part (after a failure). */
  retry(): void {
    this.requested[viewDef(this.view).part] = null;
    this.flush();
  }

  /** Stops pending work (the workers stay up for the next panel). */
  cancel(): void {
    clearTimeout(this.timer);
  }

  private flush(): void {
    clearTimeout(this.timer);
    const design = this.design;
    if (!design) return;
    const todo = stalePart(this.view, design, this.safe, this.requested);
    if (!todo) return;
    this.requested[todo.part] = todo.key;
    if (todo.part === 'code') {
      this.code = { ...this.code, busy: true };
      this.runners.code.submit(design);
    } else {
      this.sql = { ...this.sql, busy: true };
      this.runners.sql.submit({ design, safe: this.safe, only: this.view as SqlView });
    }
  }

  private settle<T>(part: PreviewPart, was: PartState<T>, outcome: Outcome<T>): PartState<T> {
    if (outcome.ok) return { value: outcome.value, error: null, busy: false };
    // Forget the failed input so that the next edit, view switch or retry asks again.
    this.requested[part] = null;
    return { value: was.value, error: describeError(outcome.error), busy: false };
  }
}

// One preview per editor, kept while the panel is hidden: reopening the Code tab shows the last results at once.
const previews = new WeakMap<Editor, Preview>();

/** The preview of an editor's design, backed by the two Web Workers (started on first use). */
export function previewFor(editor: Editor): Preview {
  let preview = previews.get(editor);
  if (!preview) {
    preview = new Preview({ generator: sharedWorkerGenerator(), sql: createWorkerSqlPreviewer() });
    previews.set(editor, preview);
  }
  return preview;
}
