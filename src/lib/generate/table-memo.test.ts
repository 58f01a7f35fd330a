/**
 * The generator remembers printed table statements between calls. A remembered statement must never be stale:
 * after any sequence of edits, a long-lived generator writes exactly what a new one writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { OperationError, applyOperation } from '../core/operations';
import { type OpSeed, exampleDesign, randomOperation } from '../core/test-fixtures';
import { ModuleGenerator } from './module-files';
import { fuzzRuns } from '../../testing/fuzz-runs';

const seedArb = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()) as fc.Arbitrary<OpSeed>;

function step(d: Design, seed: OpSeed, serial: number): Design {
  const call = randomOperation(d, seed, serial);
  if (!call) return d;
  try {
    return applyOperation(d, call);
  } catch (e) {
    if (e instanceof OperationError) return d;
    throw e;
  }
}

describe('remembered table statements', () => {
  it('after random edits, a long-lived generator writes exactly what a new generator writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(seedArb, { minLength: 1, maxLength: 12 }), async (seeds) => {
        const longLived = new ModuleGenerator();
        let d = exampleDesign();
        await longLived.printTablesTs(d, 'legacy');
        for (const [i, seed] of seeds.entries()) {
          d = step(d, seed, i);
          const layout = i % 2 === 0 ? 'legacy' : 'current';
          expect(await longLived.printTablesTs(d, layout)).toBe(await new ModuleGenerator().printTablesTs(d, layout));
        }
      }),
      { numRuns: fuzzRuns(25) },
    );
  });

  it('an edit to one table changes only that table statement', async () => {
    const g = new ModuleGenerator();
    const d = exampleDesign();
    const before = await g.printTablesTs(d, 'legacy');
    const projects = Object.values(d.tables).find((t) => t.name === 'projects')!;
    const edited = applyOperation(d, {
      op: 'updateTable',
      args: { tableId: projects.id, comment: 'Groups of tasks.' },
    });
    const after = await g.printTablesTs(edited, 'legacy');
    expect(after).toContain('/** Groups of tasks. */\nexport const');
    // Everything after the projects table is the same text as before.
    const tail = (s: string) => s.slice(s.indexOf('export const exampleTasks'));
    expect(tail(after)).toBe(tail(before));
  });
});
