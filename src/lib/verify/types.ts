/** What `verifyModule` reports: structured findings the CLI prints and the page can show. */

/**
 * `error`: the host fails on the history, or the app or the next generated migration would go wrong; the CLI
 * exits 1. `warning`: works, but something differs or is risky. `info`: worth knowing.
 */
export type VerifySeverity = 'error' | 'warning' | 'info';

/** Which check found it: the journal, the host's replay, the last snapshot, the code (tables.ts), the safety analysis. */
export type VerifyStage = 'journal' | 'replay' | 'snapshot' | 'code' | 'safety';

export interface VerifyFinding {
  /** Stable, e.g. `journal-missing-file`, `migration-failed`, `drift-extra-column`, `code-drift-column-not-null`. */
  code: string;
  severity: VerifySeverity;
  stage: VerifyStage;
  /** The file concerned, relative to the module folder (`drizzle/0001_x.sql`, `lib/server/db/schema/tables.ts`). */
  file: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  /** 0-based chunk (text between breakpoints) of a migration, when the finding is about one. */
  chunk?: number;
  /** The table concerned (drift findings). */
  table?: string;
  /** The column, index or foreign key concerned (drift findings). */
  name?: string;
  /** A sentence for people. */
  message: string;
  /** For a drift: what each side holds (absent = the thing does not exist there). */
  sides?: { history?: string; other?: string; snapshot?: string };
  /** Longer detail: the differences a summary stands for, the drifts an import message explains. */
  details?: string[];
}

/** One migration file as the host's replay left it. */
export interface ReplayedFile {
  name: string;
  status: 'applied' | 'skipped' | 'failed';
  /** Pieces the host runs for the file. */
  statements: number;
}

export interface VerifyReport {
  usable: true;
  /** The module id used for prefixes and the host's tracking rows ('' when none could be found). */
  moduleId: string;
  /** Journal entries (or `.sql` files, without a journal). */
  migrations: number;
  replay: ReplayedFile[];
  /** In the order found: journal, replay, snapshot, code, safety. */
  findings: VerifyFinding[];
  errors: number;
  warnings: number;
}

/** Input that cannot be verified at all (no migrations, an unreadable journal or snapshot). */
export interface UnusableModule {
  usable: false;
  /** The file at fault, relative to the module folder. */
  file: string;
  message: string;
}

export type VerifyResult = VerifyReport | UnusableModule;
