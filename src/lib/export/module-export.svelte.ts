/**
 * The module exports of the page: "Download module (.zip)" and "Write to folder…" (File System Access API), with
 * a busy state and the folder write waiting for the user's confirmation. Module files come from the generator
 * worker; the migration is computed here, against the folder's own `drizzle/meta`.
 *
 * The zip writer and the folder export (with the migration differ, the safe variant and the safety analysis)
 * load on first use: the first screen does not need them.
 */
import type { Design } from '$lib/core/design';
import type { Editor } from '$lib/state/editor.svelte';
import { type SessionReport, errorText, folderWrittenReport } from '$lib/state/session-reports';
import { type ModuleGenerator, sharedWorkerGenerator } from '$lib/worker/generator';
import { pickFolder } from './browser-folder';
import { downloadFile } from './download';
import { exportBlocker } from './export-blocker';
import type { FolderPlan } from './folder-export';
import type { ModuleFolder } from './module-folder';
import { safeFileStem } from './file-names';

const folderExport = () => import('./folder-export');

/** A folder export waiting for the user to confirm it. */
export interface PendingFolderWrite {
  plan: FolderPlan;
  /** Whether the MoLOS-safe variant is suggested (drizzle-kit's SQL is unsafe under the host). */
  suggestSafe: boolean;
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
  ) {}

  /** Downloads `<module id>.zip`: every module file and the first migration, under a folder named after the module. */
  async exportZip(): Promise<void> {
    const design = this.editor.design;
    if (this.blocked(design)) return;
    await this.run('Generating the module…', async () => {
      const [files, { moduleZip }] = await Promise.all([this.generator().generate(design), import('./module-zip')]);
      const stem = safeFileStem(design.module.id);
      // fflate's bytes are typed over any buffer; Blob wants an ArrayBuffer-backed view, which this is.
      downloadFile(`${stem}.zip`, moduleZip(files, stem) as Uint8Array<ArrayBuffer>, 'application/zip');
    });
  }

  /** Asks for the module folder and plans the export; `confirmWrite` writes it. */
  async writeToFolder(): Promise<void> {
    const design = this.editor.design;
    if (this.blocked(design)) return;
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
      const { chooseModuleFolder, planFolderExport } = await folderExport();
      const folder = await chooseModuleFolder(chosen, design.module.id);
      const code = await this.generator().generate(design, { skipMigration: true });
      const plan = await planFolderExport(design, folder, code, { now: Date.now() });
      this.pendingFolder = folder;
      this.pendingWrite = { plan, suggestSafe: (plan.plain?.findings ?? []).some((f) => f.severity === 'error') };
    });
  }

  /** Writes the confirmed folder export, then remembers it as the design's baseline. */
  async confirmWrite(safe: boolean): Promise<void> {
    const pending = this.pendingWrite;
    const folder = this.pendingFolder;
    this.cancelWrite();
    if (!pending || !folder) return;
    await this.run('Writing the module…', async () => {
      const { writeFolderExport } = await folderExport();
      const written = await writeFolderExport(folder, pending.plan, { safe });
      // The next export then knows which tables and columns were renamed since this one.
      this.editor.setBaseline(pending.plan.migration.baseline);
      this.report(folderWrittenReport(pending.plan, written, safe));
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

  private blocked(design: Design): boolean {
    const blocker = exportBlocker(design);
    if (blocker)
      this.report({ key: 'export', tone: 'error', title: 'Nothing was exported', lines: [{ text: blocker }] });
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
