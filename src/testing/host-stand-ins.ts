/**
 * Stand-ins for what the MoLOS host provides to a module, so generated modules can be type-checked and run
 * through drizzle-kit in tests: the `textEnum` helper (same SQL type as the host's customType), the
 * `ModuleConfig` type and the `lucide-svelte` icon. Written into a temporary module folder with a tsconfig
 * that maps the host's aliases.
 */

/** The host's textEnum: a customType whose SQL type carries `CHECK(<column> IN ('a', 'b'))`. */
export const TEXT_ENUM_STAND_IN = `import { customType } from "drizzle-orm/sqlite-core";

export const textEnum = <V extends Record<string, string>, RV = V[keyof V]>(
  columnName: string,
  enumObj: V,
  message?: string,
) => {
  const values = Object.values(enumObj);
  const colFn = customType<{ data: string; driverData: string }>({
    dataType() {
      return \`text CHECK(\${columnName} IN (\${values.map((v) => \`'\${v}'\`).join(", ")}))\`;
    },
    toDriver(value: string): string {
      if (values.includes(value)) return value;
      throw new Error(message ?? \`Invalid value for column \${columnName}: \${value}\`);
    },
  });
  return colFn(columnName).$type<RV>();
};
`;

export const MODULE_CONFIG_TYPES_STAND_IN = `export interface ModuleConfig {
  id: string;
  name: string;
  href: string;
  icon?: unknown;
  description?: string;
  navigation?: { name: string; icon?: unknown; href: string }[];
}
`;

export const LUCIDE_STAND_IN = `export declare const Database: unknown;
`;

/**
 * A tsconfig for generated module folders: strict, with the host's aliases mapped to the stand-ins in `.host/`.
 * `roots` are the module folders it covers (`.` for one module at the tsconfig's place); for the legacy layout
 * the `$lib/models/external_modules/<id>` alias points at the module's models file.
 */
export function standInTsconfig(moduleId: string, layout: 'legacy' | 'current', roots: string[] = ['.']): string {
  const paths: Record<string, string[]> = {
    '$lib/server/db/utils': ['./.host/text-enum.ts'],
    '@molos/database/utils': ['./.host/text-enum.ts'],
    '$lib/config/types': ['./.host/config-types.ts'],
    'lucide-svelte': ['./.host/lucide.d.ts'],
  };
  if (layout === 'legacy')
    paths[`$lib/models/external_modules/${moduleId}`] = roots.map((r) => `./${r}/lib/models/index.ts`);
  return JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        lib: ['ES2022', 'DOM'],
        paths,
      },
      include: roots.map((r) => `${r}/**/*.ts`),
      exclude: [...roots.map((r) => `${r}/drizzle.config.ts`), 'node_modules'],
    },
    null,
    2,
  );
}

/** The stand-in files, to write under the folder that holds the tsconfig. */
export const STAND_IN_FILES = [
  { path: '.host/text-enum.ts', content: TEXT_ENUM_STAND_IN },
  { path: '.host/config-types.ts', content: MODULE_CONFIG_TYPES_STAND_IN },
  { path: '.host/lucide.d.ts', content: LUCIDE_STAND_IN },
];
