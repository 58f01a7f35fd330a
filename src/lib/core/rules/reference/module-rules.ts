/** Rules about the module as a whole: the id's form and names shared by the whole module scope. */
import type { Design } from '../../design';
import { duplicates, issue, type Rule } from './support';
import type { Issue } from '../types';

/** `MoLOS-` followed by hyphen-separated words of letters and digits (the host links `MoLOS-*` folders). */
export const MODULE_ID_PATTERN = /^MoLOS-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/** A valid module id close to what the user typed: `molos_tasks` → `MoLOS-Tasks`, `MoLOS_AI_Notes` → `MoLOS-AI-Notes`. */
export function suggestModuleId(id: string): string {
  const parts = id
    .replace(/^\s*molos(?=[^a-z0-9]|$)/i, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const rest = parts.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-');
  return rest ? `MoLOS-${rest}` : 'MoLOS-MyModule';
}

function idProblem(id: string): string {
  if (id.includes('_')) return 'it contains "_": the host splits table names at the first underscore after the id';
  if (!id.startsWith('MoLOS-')) return 'it must start with "MoLOS-" (the host only loads MoLOS-* modules)';
  return 'use letters and digits in hyphen-separated words, e.g. MoLOS-Tasks';
}

export const moduleRules: Rule = (d: Design): Issue[] => {
  const out: Issue[] = [];
  const id = d.module.id;
  if (!MODULE_ID_PATTERN.test(id)) {
    const suggestion = suggestModuleId(id);
    out.push(
      issue(
        'module-id-invalid',
        'error',
        { kind: 'module' },
        { id, reason: idProblem(id), suggestion },
        { label: `Use "${suggestion}"`, calls: [{ op: 'setModule', args: { id: suggestion } }] },
      ),
    );
  }
  if (Object.keys(d.tables).length === 0) out.push(issue('module-no-tables', 'info', { kind: 'module' }));
  return out;
};

/** Names the generated tables.ts imports or declares itself; a table or enum must not reuse them. */
export const GENERATED_BINDINGS: ReadonlySet<string> = new Set([
  'sqliteTable',
  'text',
  'integer',
  'real',
  'blob',
  'numeric',
  'index',
  'uniqueIndex',
  'sql',
  'textEnum',
  'AnySQLiteColumn',
  'crypto',
]);

/** Tables and enums share one module scope in tables.ts (enums are imported there). */
export const nameCollisionRules: Rule = (d: Design): Issue[] => {
  const out: Issue[] = [];
  const bindings = [
    ...Object.values(d.tables).map((t) => ({ name: t.exportName, target: { kind: 'table' as const, id: t.id } })),
    ...Object.values(d.enums).map((e) => ({ name: e.name, target: { kind: 'enum' as const, id: e.id } })),
  ];
  for (const group of duplicates(bindings, (b) => b.name)) {
    for (const b of group.slice(1))
      out.push(issue('name-collision', 'error', b.target, { name: b.name, with: 'another table or enum' }));
  }
  for (const b of bindings) {
    if (GENERATED_BINDINGS.has(b.name))
      out.push(issue('name-collision', 'error', b.target, { name: b.name, with: 'a name tables.ts imports' }));
  }
  return out;
};
