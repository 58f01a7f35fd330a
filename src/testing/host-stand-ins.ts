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

/** A tsconfig for a generated module folder: strict, with the host's aliases mapped to the stand-ins. */
export function standInTsconfig(moduleId: string, layout: 'legacy' | 'current'): string {
  const paths: Record<string, string[]> = {
    '$lib/server/db/utils': ['./.host/text-enum.ts'],
    '@molos/database/utils': ['./.host/text-enum.ts'],
    '$lib/config/types': ['./.host/config-types.ts'],
    'lucide-svelte': ['./.host/lucide.d.ts'],
  };
  if (layout === 'legacy') paths[`$lib/models/external_modules/${moduleId}`] = ['./lib/models/index.ts'];
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
      include: ['**/*.ts'],
      exclude: ['drizzle.config.ts', 'node_modules'],
    },
    null,
    2,
  );
}
