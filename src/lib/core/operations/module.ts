import type { Design, ModuleInfo } from '../design';

/**
 * Changes the module's settings (id, name, description, layout). Index names that carried the old table
 * prefix follow a new module id.
 * @example setModule(design, { id: 'MoLOS-Tasks', layout: 'current' })
 */
export function setModule(d: Design, args: Partial<ModuleInfo>): Design {
  const module = { ...d.module, ...args };
  if (module.id === d.module.id) return { ...d, module };
  const oldPrefix = `${d.module.id}_`;
  const indexes = { ...d.indexes };
  for (const ix of Object.values(d.indexes)) {
    if (ix.name.startsWith(oldPrefix)) {
      indexes[ix.id] = { ...ix, name: `${module.id}_${ix.name.slice(oldPrefix.length)}` };
    }
  }
  return { ...d, module, indexes };
}
