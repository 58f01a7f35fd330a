/**
 * The commands, loaded together on first use: main.ts imports this lazily, so `--help` and the main thread of a
 * bounded command (bounded-run.ts) do not load ts-morph, sql.js and the generators they never use.
 */
export { check } from './check';
export { generate } from './generate';
export { importCommand } from './import';
export { sql } from './sql';
export { verify } from './verify';
