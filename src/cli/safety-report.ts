import { type SafetyFinding, safetyMessage } from '../lib/sql/safety';

/** One line per finding: `error   rebuild-cascade   0003_x.sql chunk 4: message`. */
export function formatFinding(file: string, f: SafetyFinding): string {
  const where = f.chunk === null ? file : `${file} chunk ${f.chunk + 1}`;
  return `${f.severity.padEnd(7)} ${f.code.padEnd(28)} ${where}: ${safetyMessage(f)}`;
}
