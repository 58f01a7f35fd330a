/**
 * The module exports of the page: "Download module (.zip)" and "Write to folder…" (File System Access API), with
 * a busy state and the folder write waiting for the user's confirmation. Both run the same plan as the CLI's
 * `generate` (export/module-plan.ts): the folder — or, for the zip, the module's files the design last saw — is read,
 * the code is generated and merged in the generator worker, the next migration is evaluated in both variants with
 * a dry run, and nothing is written when anything is refused.
 *
 * The planning code (migration differ, safety analysis, sql.js) and the zip writer load on first use: the first
 * screen does not need them.
 */
import type { SqlJsStatic } from 'sql.js';
import type { Design } from '../core/design';
import type { Editor } from './editor.svelte';
import { type SessionReport, errorText, folderWrittenReport, refusedReport, zipReport } from './session-reports';
import { type ModuleGenerator, sharedWorkerGenerator } from '../worker/generator';
import { pickFolder } from '../export/browser-folder';
import { downloadFile } from '../export/download';
import { exportBlocker } from '../export/export-blocker';
import type { VariantRequest } from '../export/migration-plan';
import type { MergeModuleFiles, ModulePlan } from '../export/module-plan';
import type { ModuleFolder } from '../export/module-folder';
import { safeFileStem } from '../export/file-names';
import type { PlanView } from '../export/write-view';

const planning = async () => {
  const [plan, folders, view] = await Promise.all([
    import('../export/module-plan'),
    import('../export/folder-export'),
    import('../export/write-view'),
  ]);
  return { ...plan, ...folders, ...view };
};

/** sql.js on the page, for the dry runs of an export (the previews load their own copy in their worker). */
const pageSqlJs = async () => (await import('../worker/sql-js')).loadSqlJs();

/** A folder write waiting for the user to confirm it. */
export interface PendingFolderWrite {
  plan: ModulePlan;
  /** What the dialog shows, for each variant the user can ask for. */
  view: PlanView;
}

export class ModuleExport {
  pendingWrite: PendingFolderWrite | null = $state.raw(null);
  /** What a running export is doing, for a busy indicator. */
  busy: string | null = $state(null);

  private pendingFolder: ModuleFolder | null = null;
  private generatorInstance: ModuleGenerator | undefined;

  constructor(
    private readonly editor: Editor,
    private readonly report: (report: SessionReport) => void,
    private readonly generatorOption?: ModuleGenerator,
    private readonly loadSqlJs: () => Promise<SqlJsStatic> = pageSqlJs,
  ) {}

  /**
   * Downloads `<module id>.zip`: the module as a write into the files the design last saw would leave it — its
   * migrations untouched plus the next one — then records the baseline, as writing to a folder does.
   */
  async exportZip(acceptLoss = false): Promise<void> {
    const design = this.editor.design;
    if (this.blocked(design)) return;
    await this.run('Generating the module…', async () => {
      const [{ planModuleZip, moduleZip }, SQL] = await Promise.all([import('../export/module-zip'), this.loadSqlJs()]);
      const zip = await planModuleZip(design, { now: Date.now(), SQL, merge: this.merger(), acceptLoss });
      if (zip.kind === 'refused') {
        const report = refusedReport('Nothing was downloaded', zip.refusals);
        // Refused only for the values its migration drops: the user may accept that loss, told exactly what goes.
        if (zip.onlyLoss)
          report.action = { label: 'Drop them: I accept losing these values', run: () => void this.exportZip(true) };
        this.report(report);
        return;
      }
      const stem = safeFileStem(design.module.id);
      // fflate's bytes are typed over any buffer; Blob wants an ArrayBuffer-backed view, which this is.
      downloadFile(`${stem}.zip`, moduleZip(zip.files, stem) as Uint8Array<ArrayBuffer>, 'application/zip');
      // The next export then continues from this one, knowing its renames and its files.
      if (zip.kind === 'module') this.editor.setBaseline(zip.baseline);
      this.report(zipReport(`${stem}.zip`, zip));
    });
  }

  /** Asks for the module folder and plans the write; `confirmWrite` writes it. */
  async writeToFolder(): Promise<void> {
    const design = this.editor.design;
    let picked: ModuleFolder | null;
    try {
      picked = await pickFolder();
    } catch (e) {
      this.report({
        key: 'export',
        tone: 'error',
        title: 'The folder could not be opened',
        lines: [{ text: errorText(e) }],
      });
      return;
    }
    if (!picked) return;
    const chosen = picked;
    await this.run('Reading the module folder…', async () => {
      const [{ chooseModuleFolder, planModuleWrite, planView }, SQL] = await Promise.all([
        planning(),
        this.loadSqlJs(),
      ]);
      const folder = await chooseModuleFolder(chosen, design.module.id);
      const plan = await planModuleWrite({ design, folder, now: Date.now(), SQL, merge: this.merger() });
      this.pendingFolder = folder;
      this.pendingWrite = { plan, view: planView(plan) };
    });
  }

  /**
   * Plans the pending write again, with or without bringing the database to the module's code where the two
   * already differ (`generate --reconcile`).
   */
  async setReconcile(on: boolean): Promise<void> {
    const folder = this.pendingFolder;
    if (!folder || !this.pendingWrite || this.pendingWrite.plan.reconcile === on) return;
    const design = this.editor.design;
    await this.run('Planning the write again…', async () => {
      const [{ planModuleWrite, planView }, SQL] = await Promise.all([planning(), this.loadSqlJs()]);
      const plan = await planModuleWrite({ design, folder, now: Date.now(), SQL, merge: this.merger(), reconcile: on });
      // Cancelled meanwhile: nothing to show.
      if (this.pendingFolder !== folder) return;
      this.pendingWrite = { plan, view: planView(plan) };
    });
  }

  /** Writes the confirmed plan with the chosen migration variant, then records it as the design's baseline. */
  async confirmWrite(request: VariantRequest = 'auto'): Promise<void> {
    const pending = this.pendingWrite;
    const folder = this.pendingFolder;
    this.cancelWrite();
    if (!pending || !folder) return;
    await this.run('Writing the module…', async () => {
      const { writeModulePlan } = await planning();
      const outcome = await writeModulePlan(folder, pending.plan, request);
      // The next export then knows which tables and columns were renamed since this one, and the files it wrote.
      this.editor.setBaseline(outcome.baseline);
      this.report(folderWrittenReport(pending.plan, outcome));
    });
  }

  cancelWrite(): void {
    this.pendingWrite = null;
    this.pendingFolder = null;
  }

  private generator(): ModuleGenerator {
    this.generatorInstance ??= this.generatorOption ?? sharedWorkerGenerator();
    return this.generatorInstance;
  }

  /** Generation and merge, in the generator worker. */
  private merger(): MergeModuleFiles {
    return async (design, layout, existing) => {
      const generator = this.generator();
      if (!generator.merge) throw new Error('this generator cannot merge into existing files');
      return generator.merge(design, { layout, existing });
    };
  }

  private blocked(design: Design): boolean {
    const blocker = exportBlocker(design);
    if (blocker)
      this.report({
        key: 'export',
        tone: 'error',
        title: 'Nothing was exported',
        lines: blocker.split('\n').map((text) => ({ text })),
      });
    return blocker !== null;
  }

  private async run(label: string, work: () => Promise<void>): Promise<void> {
    this.busy = label;
    try {
      await work();
    } catch (e) {
      this.report({ key: 'export', tone: 'error', title: 'The export failed', lines: [{ text: errorText(e) }] });
    } finally {
      this.busy = null;
    }
  }
}
