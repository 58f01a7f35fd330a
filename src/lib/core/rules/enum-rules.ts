/** Rules about enums: const-object names, member keys, and values the textEnum CHECK can hold. */
import type { Design, EnumDef, EnumMember } from '../design';
import { JS_RESERVED_WORDS, isIdentifier, isPascalCase, toConstantCase, toPascalCase } from '../naming';
import { IdsByKey, type RuleContext, duplicates, issue, lazyFix, type Rule } from './support';
import type { Issue } from './types';

function target(e: EnumDef) {
  return { kind: 'enum' as const, id: e.id };
}

export const enumRules: Rule = (d: Design, ctx: RuleContext): Issue[] => {
  const out: Issue[] = [];
  if (Object.keys(d.enums).length === 0) return out;
  const used = new Set<string | null>();
  // A kept `$type<…>` may name an enum (`.$type<TaskStatus>()`): that is a use too.
  const typeWords = new Set<string>();
  for (const c of ctx.allColumns) {
    used.add(c.enumId);
    if (c.tsType) for (const word of c.tsType.match(/[A-Za-z_$][\w$]*/g) ?? []) typeWords.add(word);
  }
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
    /** Member ids by value, read once per enum (only when a value holds an apostrophe). */
    let idsByValue: IdsByKey<EnumMember> | undefined;
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
        // Another member (by id) already holds the value without apostrophes.
        idsByValue ??= new IdsByKey(e.members, (x) => x.value);
        const clash = idsByValue.hasOther(unquoted, m.id);
        out.push(
          issue(
            'enum-member-value-quote',
            'error',
            target(e),
            { ...p, value: m.value },
            clash
              ? undefined
              : // Each fix carries the whole member list: made only when it is applied.
                lazyFix('Remove the apostrophes from the value', () => [
                  {
                    op: 'setEnumMembers',
                    args: {
                      enumId: e.id,
                      members: e.members.map((x) => (x.id === m.id ? { ...x, value: unquoted } : x)),
                    },
                  },
                ]),
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
