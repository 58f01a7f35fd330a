import { describe, expect, it } from 'vitest';
import { diagramFileName, safeFileStem } from './file-names';

describe('file names', () => {
  it('makes a module id safe for a file name', () => {
    expect(safeFileStem('MoLOS-Tasks')).toBe('MoLOS-Tasks');
    expect(safeFileStem('a/b c')).toBe('a-b-c');
    expect(safeFileStem('..')).toBe('module');
  });

  it.each([
    ['svg', 1, 'MoLOS-Tasks-diagram.svg'],
    ['svg', 2, 'MoLOS-Tasks-diagram.svg'],
    ['svg', 1.5, 'MoLOS-Tasks-diagram.svg'],
    ['png', 1, 'MoLOS-Tasks-diagram.png'],
    ['png', 2, 'MoLOS-Tasks-diagram@2x.png'],
    ['png', 1.5, 'MoLOS-Tasks-diagram@1.5x.png'],
  ] as const)('names a %s diagram at scale %s %s', (format, scale, expected) => {
    expect(diagramFileName('MoLOS-Tasks', format, scale)).toBe(expected);
  });

  it('names the diagram of an odd module id safely', () => {
    expect(diagramFileName('My Module/2', 'png', 3)).toBe('My-Module-2-diagram@3x.png');
  });
});
