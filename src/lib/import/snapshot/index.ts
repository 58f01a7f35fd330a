/**
 * Import of a drizzle-kit SQLite snapshot (`drizzle/meta/NNNN_snapshot.json`): validated like every snapshot the
 * studio reads, mapped back to a design, and kept as the design's baseline — the module's migrations already hold
 * this schema, so the next migration starts from it.
 */
import { MigrationFolderError, parseSnapshot } from '../../sql/folder-format';
import type { Snapshot } from '../../sql/snapshot-types';
import { baselineFor, folderErrorMessage } from '../schema/baseline';
import { columnTypeChecks, enumCheckValues, lineIndex } from '../schema/ddl-text';
import { designFromRaw } from '../schema/design-from-raw';
import type { Place, RawSchema, RawTable } from '../schema/raw-schema';
import { readingFile } from '../../core/reading';
import type { ImportOptions, ImportOutcome, SourceFile } from '../types';

/** The snapshot's tables as a raw schema; places point at the JSON keys. */
export function rawFromSnapshot(snapshot: Snapshot, file: SourceFile): RawSchema {
  const at = lineIndex(file.text);
  const find = (key: string, from: number) => {
    const i = file.text.indexOf(`${JSON.stringify(key)}: {`, from);
    return i < 0 ? from : i;
  };
  const placeOf = (offset: number): Place =>
    offset > 0 ? { file: file.path, ...at(offset) } : { file: file.path, line: 0, column: 0 };
  const tables: RawTable[] = [];
  // Tables come in the file's order: each is looked for after the previous one (from the start if not found).
  let cursor = 0;
  for (const [key, st] of Object.entries(snapshot.tables)) {
    let tableAt = find(key, cursor);
    if (tableAt === cursor && !file.text.startsWith(`${JSON.stringify(key)}: {`, cursor)) tableAt = find(key, 0);
    cursor = tableAt;
    const names = new Set(Object.values(st.columns).map((c) => c.name));
    const composite = Object.values(st.compositePrimaryKeys ?? {})[0];
    tables.push({
      name: st.name,
      place: placeOf(tableAt),
      columns: Object.values(st.columns).map((c) => {
        const { type, checks } = columnTypeChecks(c.type);
        const enums = checks.map((x) => enumCheckValues(x, c.name));
        const enumAt = enums.findIndex((v) => v !== null);
        return {
          name: c.name,
          type,
          notNull: c.notNull,
          primaryKey: c.primaryKey,
          autoincrement: c.autoincrement,
          default: c.default,
          generated: c.generated,
          enumValues: enumAt >= 0 ? (enums[enumAt] as string[]) : undefined,
          otherChecks: checks.filter((_, i) => i !== enumAt),
          place: placeOf(find(c.name, tableAt)),
        };
      }),
      indexes: Object.values(st.indexes ?? {}).map((ix) => ({
        name: ix.name,
        columns: ix.columns,
        unique: ix.isUnique,
        where: ix.where ?? null,
        expression: ix.columns.some((c) => !names.has(c)),
        place: placeOf(find(ix.name, tableAt)),
      })),
      foreignKeys: Object.values(st.foreignKeys ?? {}).map((fk) => ({
        columnsFrom: fk.columnsFrom,
        tableTo: fk.tableTo,
        columnsTo: fk.columnsTo,
        onDelete: fk.onDelete,
        onUpdate: fk.onUpdate,
      })),
      compositePrimaryKey: composite && composite.columns.length > 1 ? composite.columns : undefined,
      checks: Object.values(st.checkConstraints ?? {}).map((c) => c.value),
    });
  }
  return { tables };
}

/**
 * Imports one snapshot file. A malformed or hostile file gives `ok: false` with the file, the JSON path and,
 * for a JSON syntax error, the line.
 * @example importSnapshot({ path: 'drizzle/meta/0003_snapshot.json', text }, { moduleId: 'MoLOS-Tasks' })
 */
export function importSnapshot(file: SourceFile, opts: ImportOptions = {}): ImportOutcome {
  readingFile(file.path, 'reading a drizzle snapshot');
  let snapshot: Snapshot;
  try {
    snapshot = parseSnapshot(file.path, file.text);
  } catch (e) {
    if (!(e instanceof MigrationFolderError)) throw e;
    return { ok: false, messages: [folderErrorMessage(file, e, 'error')] };
  }
  const { design, messages, importedNames } = designFromRaw(rawFromSnapshot(snapshot, file), {
    moduleId: opts.moduleId,
    layout: opts.layout,
    file: file.path,
  });
  design.baseline = baselineFor(design, snapshot, importedNames);
  return { ok: true, design, messages, suggestions: [] };
}
