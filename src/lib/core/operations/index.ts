/**
 * Every edit to a design is one of these named, pure operations `(design, args) => design`. The registry lets
 * rules offer fixes as data (`{ op, args }`) and lets the UI, the CLI and tests apply them the same way.
 */
import type { Design } from '../design';
import { addColumn, deleteColumn, moveColumn, updateColumn } from './columns';
import { addArea, addNote, deleteArea, deleteNote, moveArea, setTableColor, updateArea, updateNote } from './diagram';
import { addEnum, addEnumMember, deleteEnum, setEnumMembers, updateEnum } from './enums';
import { addIndex, deleteIndex, updateIndex } from './indexes';
import { setModule } from './module';
import { connect, connectTables, disconnect, updateRelation } from './relations';
import { addTable, deleteTable, moveTables, renameTable, updateTable } from './tables';
import { OperationError } from './util';

export const operations = {
  setModule,
  addTable,
  renameTable,
  updateTable,
  moveTables,
  deleteTable,
  addColumn,
  updateColumn,
  moveColumn,
  deleteColumn,
  connect,
  connectTables,
  updateRelation,
  disconnect,
  addEnum,
  updateEnum,
  setEnumMembers,
  addEnumMember,
  deleteEnum,
  addIndex,
  updateIndex,
  deleteIndex,
  addNote,
  updateNote,
  deleteNote,
  addArea,
  updateArea,
  moveArea,
  deleteArea,
  setTableColor,
} as const;

export type OperationName = keyof typeof operations;
export type OperationArgs<N extends OperationName> = Parameters<(typeof operations)[N]>[1];

/** An operation as data: what a rule fix, a UI command or a history label refers to. */
export type OperationCall = { [N in OperationName]: { op: N; args: OperationArgs<N> } }[OperationName];

/**
 * Applies an operation given as data.
 * @example applyOperation(design, { op: 'renameTable', args: { tableId, name: 'tasks' } })
 */
export function applyOperation(d: Design, call: OperationCall): Design {
  // `hasOwn`: an op name such as `toString` must not reach `Object.prototype`.
  const fn = (Object.hasOwn(operations, call.op) ? operations[call.op] : undefined) as
    ((d: Design, args: unknown) => Design) | undefined;
  if (!fn) throw new OperationError(`Unknown operation "${String(call.op)}".`);
  return fn(d, call.args);
}

export { OperationError };
export * from './columns';
export * from './diagram';
export * from './enums';
export * from './indexes';
export * from './module';
export * from './relations';
export * from './tables';
