/** Rules about enums: const-object names, member keys, and values the textEnum CHECK can hold. */
import type { Design, EnumDef } from '../../design';
import { JS_RESERVED_WORDS, isIdentifier, isPascalCase, toConstantCase, toPascalCase } from '../../naming';
import { duplicates, issue, type Rule } from './support';
import type { Issue } from '../types';

function target(e: EnumDef) {
  return { kind: 'enum' as const, id: e.id };
}

export const enumRules: Rule = (d: Design): Issue[] => {
  const out: Issue[] = [];
  const used = new Set(Object.values(d.columns).map((c) => c.enumId));
  // A kept `$type<…>` may name an enum (`.$type<TaskStatus>()`): that is a use too.
  const typeWords = new Set(
    Object.values(d.columns).flatMap((c) => (c.tsType ? (c.tsType.match(/[A-Za-z_$][\w$]*/g) ?? []) : [])),
  );
  for (const e of Object.values(d.enums)) {
    const p = { enum: e.name };
    const pascal = toPascalCase(e.name);
    const rename = pascal
      ? { label: `Use "${pascal}"`, calls: [{ op: 'updateEnum' as const, args: { enumId: e.id, name: pascal } }] }
      : undefined;
    if (!isIdentifier(e.name) || JS_RESERVED_WORDS.has(e.name))
      out.push(issue('enum-name-invalid', 'error', target(e), p, rename));
    else if (!isPascalCase(e.name))
      out.push(issue('enum-name-not-pascal-case', 'warning', target(e), { ...p, suggestion: pascal }, rename));
    if (e.members.length === 0) out.push(issue('enum-empty', 'error', target(e), p));
    if (!used.has(e.id) && !typeWords.has(e.name)) out.push(issue('enum-unused', 'info', target(e), p));

    const fixedKeys = e.members.map((m) => ({
      ...m,
      key: isIdentifier(m.key) ? m.key : toConstantCase(m.value) || 'VALUE',
    }));
    for (const m of e.members) {
      if (!isIdentifier(m.key)) {
        out.push(
          issue(
            'enum-member-key-invalid',
            // Written quoted (`"1ST": "first"`, `Enum["1ST"]`): it compiles, so this is a convention.
            'warning',
            target(e),
            { ...p, key: m.key },
            {
              label: 'Derive keys from the values',
              calls: [{ op: 'setEnumMembers', args: { enumId: e.id, members: fixedKeys } }],
            },
          ),
        );
      }
      if (m.value.includes("'")) {
        const unquoted = m.value.replace(/'/g, '');
        const clash = e.members.some((x) => x.id !== m.id && x.value === unquoted);
        out.push(
          issue(
            'enum-member-value-quote',
            'error',
            target(e),
            { ...p, value: m.value },
            clash
              ? undefined
              : {
                  label: 'Remove the apostrophes from the value',
                  calls: [
                    {
                      op: 'setEnumMembers',
                      args: {
                        enumId: e.id,
                        members: e.members.map((x) => (x.id === m.id ? { ...x, value: unquoted } : x)),
                      },
                    },
                  ],
                },
          ),
        );
      }
    }
    for (const group of duplicates(e.members, (m) => m.key))
      out.push(issue('enum-member-key-duplicate', 'error', target(e), { ...p, key: group[0]?.key ?? '' }));
    for (const group of duplicates(e.members, (m) => m.value))
      out.push(issue('enum-member-value-duplicate', 'warning', target(e), { ...p, value: group[0]?.value ?? '' }));
  }
  return out;
};
