import { generateModuleFiles } from '../src/lib/generate/module-files';
import { loadExample } from '../src/testing/examples';
import { importTablesTs } from '../src/lib/import/tables-ts/index';
import { editorImportInput } from '../src/lib/state/code-edit';
import { IncrementalTablesReader } from '../src/lib/state/code-incremental';
const d = loadExample('molos-knowledge');
const files = await generateModuleFiles(d, { skipMigration: true });
const text = files.find(f=>f.role==='schema')!.content;
const opts = { moduleId: d.module.id, layout: d.module.layout };
const r = new IncrementalTablesReader(); r.read(editorImportInput(files, text), opts);
const open = text.indexOf('{\n', text.indexOf('sqliteTable')) + 2;
const t2 = text.slice(0, open) + '  added0: text("added_0"),\n' + text.slice(open);
const a = r.read(editorImportInput(files, t2), opts) as any; const b = importTablesTs(editorImportInput(files, t2), opts) as any;
console.log(r.lastKind);
for (const k of Object.keys(b.design)) for (const id of Object.keys(b.design[k] ?? {})) { const x = JSON.stringify(a.design[k]?.[id]), y = JSON.stringify(b.design[k][id]); if (x!==y) console.log(k,id,x,y); }
for (const k of Object.keys(a.design)) { if (typeof a.design[k]==='object') for (const id of Object.keys(a.design[k] ?? {})) if (!(id in (b.design[k]??{}))) console.log('extra',k,id); else if (JSON.stringify(a.design[k])!==JSON.stringify(b.design[k]) && k!=='columns' && k!=='indexes'&&k!=='relations') console.log('top',k); }
console.log(Object.keys(a.design), Object.keys(b.design));
for (const id of Object.keys(b.design.columns)) if (!a.design.columns[id]) console.log('missing', id);
