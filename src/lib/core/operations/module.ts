import type { Design, ModuleInfo } from '../design';
import { derivedExportName } from './tables';

/**
 * Changes the module's settings (id, name, description, layout). Index names that carried the old table
 * prefix follow a new module id, and so do export names that were the derived ones (`exampleItems`).
 * An `undefined` field leaves the setting unchanged.
 * @example setModule(design, { id: 'MoLOS-Tasks', layout: 'current' })
 */
export function setModule(d: Design, args: Partial<ModuleInfo>): Design {
  const changes = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  const module: ModuleInfo = { ...d.module, ...changes };
  if (module.id === d.module.id) return { ...d, module };
  const oldPrefix = `${d.module.id}_`;
  const indexes = { ...d.indexes };
  for (const ix of Object.values(d.indexes)) {
    if (ix.name.startsWith(oldPrefix)) {
      indexes[ix.id] = { ...ix, name: `${module.id}_${ix.name.slice(oldPrefix.length)}` };
    }
  }
  const next: Design = { ...d, module };
  const tables = { ...d.tables };
  for (const t of Object.values(d.tables)) {
    const derived = derivedExportName(next, t.name);
    if (t.exportName === derivedExportName(d, t.name) && t.exportName !== derived) {
      tables[t.id] = { ...t, exportName: derived };
    }
  }
  return { ...next, indexes, tables };
}
