/**
 * `molos-schema verify <module-dir>`: prints what `verifyModule` finds (src/lib/verify) — the host's replay of the
 * migrations, the journal, drift against the last snapshot and against tables.ts, and the safety analysis — one
 * line per finding, then a summary. Exit 1 when anything is an error, 2 when the folder cannot be verified.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { TARGET_HOSTS, type TargetHost } from '../lib/core/design';
import type { VerifyFinding } from '../lib/verify/types';
import { verifyModule } from '../lib/verify/verify-module';
import { CliError, type CliIo } from './io';
import { nodeFolder } from './node-folder';

/** Where a finding is: its table for drift, else its file with the line or chunk. */
function place(f: VerifyFinding): string {
  if (f.table !== undefined && (f.stage === 'snapshot' || f.stage === 'code') && f.code !== 'code-not-held')
    return f.table;
  if (f.line !== undefined) return `${f.file}:${f.line}`;
  if (f.chunk !== undefined) return `${f.file} chunk ${f.chunk + 1}`;
  return f.file;
}

/** `error   code-drift-column-not-null   MoLOS-Tasks_tasks: column notes: …` */
export function formatVerifyFinding(f: VerifyFinding): string {
  return `${f.severity.padEnd(7)} ${f.code.padEnd(28)} ${place(f)}: ${f.message}`;
}

/** `--host current|older`, checked. */
function parseHost(value: string | undefined): TargetHost | undefined {
  if (value === undefined) return undefined;
  if (!(TARGET_HOSTS as readonly string[]).includes(value))
    throw new CliError(`--host must be "current" or "older", got "${value}"`);
  return value as TargetHost;
}

export async function verify(io: CliIo, moduleDir: string, moduleId?: string, host?: string): Promise<number> {
  const target = parseHost(host);
  const dir = resolve(io.cwd, moduleDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`cannot read ${moduleDir}: no such folder`);
  const options = { ...(moduleId ? { moduleId } : {}), ...(target ? { host: target } : {}) };
  const result = await verifyModule(nodeFolder(dir, moduleDir), await initSqlJs(), options);
  const shown = moduleDir.replace(/\/+$/, '');
  if (!result.usable) throw new CliError(`${shown}/${result.file}: ${result.message}`);

  const print = (f: VerifyFinding) => io.stdout(`${formatVerifyFinding(f)}\n`);
  result.findings.filter((f) => f.stage === 'journal').forEach(print);
  // Each file as the host ran it, with what the replay says about it.
  for (const file of result.replay) {
    if (file.status === 'applied')
      io.stdout(`applied ${file.name} (${file.statements} statement${file.statements === 1 ? '' : 's'})\n`);
    result.findings.filter((f) => f.stage === 'replay' && f.file === `drizzle/${file.name}`).forEach(print);
  }
  result.findings.filter((f) => f.stage !== 'journal' && f.stage !== 'replay').forEach(print);
  io.stdout(
    `${result.moduleId || moduleDir}: ${result.migrations} migration(s); ${result.errors} error(s), ${result.warnings} warning(s)\n`,
  );
  return result.errors > 0 ? 1 : 0;
}
