/** Where each file lives, and what tables.ts imports, in the two MoLOS module layouts. */
import type { Layout } from '../core/design';

export interface LayoutPaths {
  schemaFile: string;
  schemaIndex: string;
  modelsFile: string;
  /** The module config the current host requires (`src/config.ts`); none in the documented layout. */
  configFile: string | null;
  textEnumImport: string;
  modelsImport: (moduleId: string) => string;
}

export function layoutPaths(layout: Layout): LayoutPaths {
  if (layout === 'current') {
    return {
      schemaFile: 'src/server/db/schema/tables.ts',
      schemaIndex: 'src/server/db/schema/index.ts',
      modelsFile: 'src/models/index.ts',
      configFile: 'src/config.ts',
      textEnumImport: '@molos/database/utils',
      // Relative, as the host's own modules do, so the schema type-checks without a module alias.
      modelsImport: () => '../../../models',
    };
  }
  return {
    schemaFile: 'lib/server/db/schema/tables.ts',
    schemaIndex: 'lib/server/db/schema/index.ts',
    modelsFile: 'lib/models/index.ts',
    configFile: null,
    textEnumImport: '$lib/server/db/utils',
    modelsImport: (moduleId) => `$lib/models/external_modules/${moduleId}`,
  };
}
