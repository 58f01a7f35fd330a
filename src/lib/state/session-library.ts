/**
 * The design library's pieces that do not depend on which design is open: making a new design (blank or from an
 * example), the record a new design is stored as, and design files (`.design.json`) read from or saved to disk.
 */
import { emptyDesign, moduleDisplayName, type Design } from '../core/design';
import { type FormatProblem, loadDesign, serializeDesign } from '../core/format';
import { applyOperation } from '../core/operations';
import { downloadFile } from '../export/download';
import { safeFileStem } from '../export/file-names';
import { Utf8Error, decodeUtf8 } from '../export/utf8-text';
import { fetchExample } from './examples';
import { type SessionReport, errorText, fileErrorReport } from './session-reports';
import { type DesignRecord, freeName, newDesignId } from './storage';

/** Where a new design comes from. */
export type NewDesignSource = { kind: 'blank'; moduleId: string } | { kind: 'example'; file: string };

/** Makes a new design: blank with one table, or an example fetched from its address (`hrefOf`). */
export async function newDesign(
  source: NewDesignSource,
  hrefOf: (file: string) => string,
): Promise<{ ok: true; design: Design } | { ok: false; message: string }> {
  if (source.kind === 'blank') {
    const design = applyOperation(emptyDesign({ id: source.moduleId.trim() || undefined }), {
      op: 'addTable',
      args: { name: 'items', position: { x: 0, y: 0 } },
    });
    return { ok: true, design };
  }
  const loaded = await fetchExample(hrefOf(source.file), source.file);
  return loaded.ok ? { ok: true, design: loaded.design } : loaded;
}

/** The record a new design is stored as, named after `baseName` but unlike any of `names`. */
export function newRecord(design: Design, baseName: string, names: readonly string[]): DesignRecord {
  return { id: newDesignId(), name: freeName(baseName, names), updatedAt: Date.now(), file: serializeDesign(design) };
}

export type DesignFile =
  { ok: true; design: Design; warnings: FormatProblem[]; name: string } | { ok: false; report: SessionReport };

/**
 * Reads a design file the user picked, strictly: a byte that is not UTF-8 is reported with its place, never
 * silently replaced, and an invalid design with its JSON paths. `name` is the file's name without `.design.json`.
 */
export async function readDesignFile(file: File): Promise<DesignFile> {
  let text: string;
  try {
    text = decodeUtf8(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (e) {
    const why = e instanceof Utf8Error ? e.message : `the file could not be read: ${errorText(e)}`;
    return { ok: false, report: fileErrorReport(file.name, [{ path: '$', message: why }]) };
  }
  const loaded = loadDesign(text);
  if (!loaded.ok) return { ok: false, report: fileErrorReport(file.name, loaded.errors) };
  const name = file.name.replace(/(\.design)?\.json$/i, '') || moduleDisplayName(loaded.design.module);
  return { ok: true, design: loaded.design, warnings: loaded.warnings, name };
}

/** Downloads a design as a design file named after its module. */
export function downloadDesign(design: Design): void {
  downloadFile(`${safeFileStem(design.module.id)}.design.json`, serializeDesign(design), 'application/json');
}

/** Downloads a stored design's file as it is stored (for a damaged one, to repair it by hand). */
export function downloadRecord(record: DesignRecord): void {
  downloadFile(`${safeFileStem(record.name)}.design.json`, record.file, 'application/json');
}
