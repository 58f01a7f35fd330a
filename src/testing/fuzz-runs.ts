/**
 * How many cases a fuzz test tries: its own default, or `FUZZ_RUNS` from the environment for a long run on demand
 * (`FUZZ_RUNS=100000 npx vitest run src/lib/import/tables-ts.fuzz.test.ts`).
 * @example fc.assert(property, { numRuns: fuzzRuns(300) });
 */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
