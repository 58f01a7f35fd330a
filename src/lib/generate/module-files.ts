/**
 * Everything a MoLOS module repo needs from a design, as `{ path, content, role }` relative to the module's
 * root: schema, schema index, models, drizzle.config.ts, manifest.yaml, src/config.ts (current layout) and the
 * first migration with its snapshot and journal. TypeScript is built with ts-morph on an in-memory project and
 * formatted with Prettier, so the same design always gives byte-identical files.
 */
import { Project, type SourceFile } from 'ts-morph';
import type { Design, Layout } from '../core/design';
import { EMPTY_FOLDER, nextMigration } from '../sql/next-migration';
import { CodeFormatter } from './format-code';
import { layoutPaths } from './layout-paths';
import { type MergeOutcome, mergeModuleFiles } from './merge/index';
import {
  manifestYaml,
  writeDrizzleConfigTs,
  writeModelsTs,
  writeModuleConfigTs,
  writeSchemaIndexTs,
} from './other-files';
import { type TableMemo, tablesTsStatements } from './tables-ts';

export type FileRole =
  | 'schema'
  | 'schema-index'
  | 'models'
  | 'drizzle-config'
  | 'manifest'
  | 'module-config'
  | 'migration'
  | 'journal'
  | 'snapshot';

export interface GeneratedFile {
  path: string;
  content: string;
  role: FileRole;
}

export interface GenerateOptions {
  /** Overrides the design's own layout. */
  layout?: Layout;
  /** The journal's `when` for the first migration, in ms (defaults to now). */
  now?: number;
  /** Skip the migration files (for previews that only need code). */
  skipMigration?: boolean;
}

/**
 * Generates module files. It keeps one in-memory ts-morph project (creating one costs more than printing a file)
 * and remembers formatted statements, so regenerating after a small edit is fast. One per worker or CLI run.
 */
export class ModuleGenerator {
  private readonly project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  private readonly formatter = new CodeFormatter();
  /** Printed table statements, so an edit reprints only the tables it touched. */
  private readonly tables: TableMemo = new Map();

  async printTs(path: string, write: (sf: SourceFile) => void): Promise<string> {
    const sf = this.project.createSourceFile(path, '', { overwrite: true });
    try {
      write(sf);
      return await this.formatter.formatSourceFile(sf);
    } finally {
      sf.forget();
    }
  }

  /** tables.ts, formatted statement by statement; unchanged tables are neither printed nor formatted again. */
  async printTablesTs(design: Design, layout: Layout): Promise<string> {
    const sf = this.project.createSourceFile(layoutPaths(layout).schemaFile, '', { overwrite: true });
    try {
      return await this.formatter.formatStatements(tablesTsStatements(sf, design, layout, this.tables));
    } finally {
      sf.forget();
    }
  }

  /** Generates all module files for a design. */
  async generate(design: Design, options: GenerateOptions = {}): Promise<GeneratedFile[]> {
    const printTs = this.printTs.bind(this);
    const layout = options.layout ?? design.module.layout;
    const paths = layoutPaths(layout);
    const files: GeneratedFile[] = [
      {
        path: paths.schemaFile,
        role: 'schema',
        content: await this.printTablesTs(design, layout),
      },
      { path: paths.schemaIndex, role: 'schema-index', content: await printTs(paths.schemaIndex, writeSchemaIndexTs) },
      {
        path: paths.modelsFile,
        role: 'models',
        content: await printTs(paths.modelsFile, (sf) => writeModelsTs(sf, design)),
      },
      {
        path: 'drizzle.config.ts',
        role: 'drizzle-config',
        content: await printTs('drizzle.config.ts', (sf) => writeDrizzleConfigTs(sf, layout)),
      },
      { path: 'manifest.yaml', role: 'manifest', content: manifestYaml(design) },
    ];
    if (paths.configFile) {
      const configFile = paths.configFile;
      files.push({
        path: configFile,
        role: 'module-config',
        content: await printTs(configFile, (sf) => writeModuleConfigTs(sf, design)),
      });
    }
    if (!options.skipMigration) {
      const m = nextMigration(design, EMPTY_FOLDER, { now: options.now ?? Date.now() });
      // A design without tables has nothing to migrate; drizzle-kit writes no files then either.
      const roles: FileRole[] = ['migration', 'snapshot', 'journal'];
      m.files.forEach((file, i) => files.push({ ...file, role: roles[i] as FileRole }));
    }
    return files;
  }

  /**
   * The module's code (no migration) merged into its existing files: owned declarations updated in place, the
   * author's code kept, scaffold files that exist left as they are.
   */
  async generateMerged(design: Design, options: MergeOptions): Promise<MergeOutcome> {
    const layout = options.layout ?? design.module.layout;
    const generated = await this.generate(design, { layout, skipMigration: true });
    return await mergeModuleFiles(design, layout, generated, options.existing);
  }
}

export interface MergeOptions {
  /** Overrides the design's own layout. */
  layout?: Layout;
  /**
   * The module's existing files by path relative to its folder: the `.ts` files under `mergeReadFolders(layout)`
   * and the scaffold files that exist. Empty for a new module.
   */
  existing: ReadonlyMap<string, string>;
}

let defaultGenerator: ModuleGenerator | undefined;

/**
 * Generates all module files for a design with a shared generator.
 * @example const files = await generateModuleFiles(design, { layout: 'current' });
 */
export async function generateModuleFiles(design: Design, options: GenerateOptions = {}): Promise<GeneratedFile[]> {
  defaultGenerator ??= new ModuleGenerator();
  return defaultGenerator.generate(design, options);
}

/**
 * Generates a module's code and merges it into its existing files, with the shared generator.
 * @example const { files, notes } = await generateMergedModuleFiles(design, { existing: new Map([['lib/models/index.ts', text]]) });
 */
export async function generateMergedModuleFiles(design: Design, options: MergeOptions): Promise<MergeOutcome> {
  defaultGenerator ??= new ModuleGenerator();
  return defaultGenerator.generateMerged(design, options);
}
