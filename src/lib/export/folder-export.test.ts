import { describe, expect, it } from 'vitest';
import { chooseModuleFolder, manifestProblem } from './folder-export';
import { memoryFolder } from './module-folder';

describe('chooseModuleFolder', () => {
  it('writes into the picked folder when it is the module, or empty', async () => {
    expect((await chooseModuleFolder(memoryFolder('MoLOS-Example', { 'x.txt': '' }), 'MoLOS-Example')).name).toBe(
      'MoLOS-Example',
    );
    expect((await chooseModuleFolder(memoryFolder('new'), 'MoLOS-Example')).name).toBe('new');
    expect((await chooseModuleFolder(memoryFolder('repo', { 'manifest.yaml': '' }), 'MoLOS-Example')).name).toBe(
      'repo',
    );
  });

  it('writes into the module’s folder inside a parent folder', async () => {
    const parent = memoryFolder('external_modules', { 'MoLOS-Tasks/manifest.yaml': 'id: MoLOS-Tasks\n' });
    const chosen = await chooseModuleFolder(parent, 'MoLOS-Example');
    expect(chosen.name).toBe('external_modules/MoLOS-Example');
    await chosen.writeText('manifest.yaml', 'id: MoLOS-Example\n');
    expect(parent.files.get('MoLOS-Example/manifest.yaml')).toBe('id: MoLOS-Example\n');
  });
});

describe('manifestProblem', () => {
  it('names the module a manifest belongs to when it is another one', async () => {
    const other = memoryFolder('MoLOS-Tasks', { 'manifest.yaml': 'id: MoLOS-Tasks\n' });
    expect(await manifestProblem(other, 'MoLOS-Example')).toBe(
      'MoLOS-Tasks/manifest.yaml belongs to module "MoLOS-Tasks", but this design is "MoLOS-Example". Pick the folder of "MoLOS-Example" (or an empty one).',
    );
    expect(await manifestProblem(other, 'MoLOS-Tasks')).toBeNull();
    expect(await manifestProblem(memoryFolder('x', { 'manifest.yaml': 'id: [unclosed' }), 'MoLOS-Tasks')).toBeNull();
    expect(await manifestProblem(memoryFolder('x'), 'MoLOS-Tasks')).toBeNull();
  });
});
