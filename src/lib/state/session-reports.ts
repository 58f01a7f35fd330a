/**
 * What the session tells the user — damaged designs, files that cannot be opened, failed saves, exports — as
 * plain data the designs menu renders. Built here, apart from the session, so the wording is tested.
 */
import type { FormatProblem } from '../core/format';
import type { VariantChoice } from '../export/migration-plan';
import type { FileAction, ModulePlan, WriteOutcome } from '../export/module-plan';
import type { ZipPlan } from '../export/module-zip';
import { safetyMessage } from '../sql/safety/messages';
import { describeStorageError } from './storage';

export type ReportTone = 'error' | 'warning' | 'success' | 'info';

export interface ReportLine {
  text: string;
  /** A JSON path or file path the line is about, shown in monospace. */
  path?: string;
  tone?: ReportTone;
}

export interface SessionReport {
  /** What the report is about: a newer report with the same key replaces it, and it can be withdrawn. */
  key: string;
  tone: ReportTone;
  title: string;
  lines: ReportLine[];
  action?: ReportAction;
  /** Further choices, shown after `action`. */
  actions?: ReportAction[];
}

export interface ReportAction {
  label: string;
  run: () => void;
}

const problemLines = (problems: readonly FormatProblem[], tone: ReportTone): ReportLine[] =>
  problems.map((p) => ({ path: p.path, text: p.message, tone }));

/**
 * Another tab saved the design open here after this tab read it. Nothing was overwritten; the user picks the
 * version to go on with, and keeping this tab's stores it as a new design, so neither tab's work is lost.
 */
export function conflictReport(
  name: string,
  unsaved: boolean,
  choices: { loadTheirs: () => void; keepMine: () => void },
): SessionReport {
  return {
    key: 'conflict',
    tone: 'warning',
    title: `“${name}” was changed in another tab`,
    lines: [
      {
        text: unsaved
          ? 'Your changes in this tab were not saved over the other tab’s version. Keep yours as a new design, or load theirs and drop your changes here.'
          : 'This tab shows an older version. Load the other tab’s version, or keep this one as a new design.',
      },
    ],
    action: { label: 'Keep mine as a copy', run: choices.keepMine },
    actions: [{ label: unsaved ? 'Load theirs (drop my changes)' : 'Load theirs', run: choices.loadTheirs }],
  };
}

/** A saved design whose record fails validation. */
export function damagedDesignReport(name: string, problems: readonly FormatProblem[]): SessionReport {
  return {
    key: 'open',
    tone: 'error',
    title: `The saved design “${name}” is damaged and could not be opened`,
    lines: [
      ...problemLines(problems, 'error'),
      { text: 'It was left exactly as stored. Delete it from Designs, or download its file to repair it by hand.' },
    ],
  };
}

/** A design that opened after references to missing elements were dropped. */
export function repairedReport(name: string, warnings: readonly FormatProblem[]): SessionReport {
  return {
    key: 'open',
    tone: 'warning',
    title: `“${name}” was opened with ${warnings.length} repair${warnings.length === 1 ? '' : 's'}`,
    lines: [
      ...problemLines(warnings, 'warning'),
      { text: 'The stored version stays as it was until you make a change.' },
    ],
  };
}

/** A design file the user picked that is not a valid design. */
export function fileErrorReport(fileName: string, problems: readonly FormatProblem[]): SessionReport {
  return {
    key: 'open',
    tone: 'error',
    title: `“${fileName}” could not be opened`,
    lines: [...problemLines(problems, 'error'), { text: 'Nothing was changed.' }],
  };
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Autosave could not write; the last good version is still stored. */
export function saveFailedReport(
  name: string,
  error: string,
  savedAt: number | null,
  retry: () => void,
): SessionReport {
  return {
    key: 'save-failed',
    tone: 'error',
    title: `Changes to “${name}” are not saved`,
    lines: [
      { text: `Autosave failed: ${error}.` },
      {
        text:
          (savedAt ? `The version saved at ${clock(savedAt)} is kept. ` : 'The last saved version is kept. ') +
          'Your changes are still here in this tab: use “Save design file” to keep a copy.',
      },
    ],
    action: { label: 'Retry', run: retry },
  };
}

/** The browser refused storage, so designs live in this tab only. */
export function storageUnavailableReport(error: string): SessionReport {
  return {
    key: 'storage',
    tone: 'warning',
    title: 'Designs are not saved in this browser',
    lines: [
      { text: `Storage is unavailable: ${error}.` },
      { text: 'You can keep working, but closing the tab loses your changes: use “Save design file” to keep them.' },
    ],
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Findings with errors first: the ones that make a migration fail come before advice. */
export function bySeverity<T extends { severity: keyof typeof SEVERITY_ORDER }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

const ACTION_WORDS: Record<FileAction, string> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  keep: 'kept (yours to edit)',
};

/** As `VARIANT_NAMES` in export/migration-plan.ts, which the page loads only for an export. */
const VARIANT_WORDS = { exact: 'drizzle-kit’s exact SQL', safe: 'the MoLOS-safe variant' } as const;

/** The migration's lines: which variant was written and why, what it costs, its notes and findings. */
function migrationLines(plan: ModulePlan, choice: VariantChoice | null): ReportLine[] {
  const m = plan.migration?.migration;
  const variant = choice?.variant;
  if (!m || m.kind === 'unchanged' || !variant)
    return [{ text: 'No schema changes since the last migration: no migration written.', tone: 'info' }];
  return [
    {
      path: `drizzle/${m.tag}.sql`,
      text: `new migration: ${VARIANT_WORDS[variant.kind]}, ${choice.reason}`,
      tone: 'success',
    },
    ...choice.consequences.map((text) => ({ text: `It ${text}.`, tone: 'error' as const })),
    ...m.notes.map((text) => ({ text, tone: 'warning' as const })),
    ...bySeverity(variant.findings).map((f) => ({ text: safetyMessage(f), tone: f.severity as ReportTone })),
  ];
}

const mergeNoteLines = (plan: ModulePlan): ReportLine[] =>
  plan.notes.map((n) => ({
    path: n.line > 0 ? `${n.file}:${n.line}` : n.file,
    text: n.message,
    tone: n.severity === 'warning' ? 'warning' : 'info',
  }));

const errorCount = (choice: VariantChoice | null) =>
  choice?.variant?.findings.filter((f) => f.severity === 'error').length ?? 0;

/** What a folder write wrote: the migration variant and why, each file's action, the notes and findings. */
export function folderWrittenReport(plan: ModulePlan, outcome: WriteOutcome): SessionReport {
  const sql = outcome.choice?.variant ? `drizzle/${plan.migration?.migration.tag}.sql` : null;
  const errors = errorCount(outcome.choice);
  return {
    key: 'export',
    tone: errors > 0 ? 'warning' : 'success',
    title:
      errors > 0
        ? `Wrote ${plan.folderName}; the migration is unsafe under the MoLOS host (${errors} problem${errors === 1 ? '' : 's'})`
        : `Wrote ${plan.folderName}`,
    lines: [
      ...migrationLines(plan, outcome.choice),
      ...outcome.files
        .filter((f) => f.path !== sql)
        .map((f): ReportLine => ({
          path: f.path,
          text: ACTION_WORDS[f.action],
          tone: f.action === 'keep' ? 'info' : undefined,
        })),
      ...mergeNoteLines(plan),
    ],
  };
}

/** What a downloaded zip holds: the migration variant and why, or why it holds no migration. */
export function zipReport(fileName: string, zip: Exclude<ZipPlan, { kind: 'refused' }>): SessionReport {
  if (zip.kind === 'code-only') {
    return {
      key: 'export',
      tone: 'warning',
      title: `Downloaded ${fileName} without a migration`,
      lines: [{ text: zip.why, tone: 'warning' }, ...mergeNoteLines(zip.plan)],
    };
  }
  const errors = errorCount(zip.choice);
  return {
    key: 'export',
    tone: errors > 0 ? 'warning' : 'success',
    title: `Downloaded ${fileName}${errors > 0 ? `; the migration is unsafe under the MoLOS host (${errors} problem${errors === 1 ? '' : 's'})` : ''}`,
    lines: [
      ...migrationLines(zip.plan, zip.choice),
      {
        text: `${zip.files.length} file${zip.files.length === 1 ? '' : 's'}. The design now counts this download as its last export.`,
        tone: 'info',
      },
      ...mergeNoteLines(zip.plan),
    ],
  };
}

/** An export that was refused: every reason, and that nothing was written. */
export function refusedReport(title: string, refusals: readonly string[]): SessionReport {
  return { key: 'export', tone: 'error', title, lines: refusals.map((text) => ({ text, tone: 'error' as const })) };
}

/** An exception as words for a report; the browser's storage and file errors get their plain explanation. */
export function errorText(e: unknown): string {
  if (e instanceof DOMException) return describeStorageError(e);
  return e instanceof Error ? e.message : String(e);
}
