import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { READ_LIMIT_SECONDS } from '../lib/core/reading';
import { COMMANDS, OPTION_TYPES, commandHelp, mainHelp } from './command-table';
import { run } from './main';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('the command table', () => {
  it('lists every command once, and every option is taken by some command', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(names).toEqual(['generate', 'sql', 'check', 'import', 'verify']);
    const used = new Set(COMMANDS.flatMap((c) => c.options.map((o) => o.name)));
    expect([...used].sort()).toEqual(Object.keys(OPTION_TYPES).sort());
  });

  it('shows a value placeholder exactly for the string options', () => {
    for (const c of COMMANDS)
      for (const o of c.options)
        expect(o.value !== undefined, `${c.name} --${o.name}`).toBe(OPTION_TYPES[o.name] === 'string');
  });

  it("writes each command's options into its help, one line each with continuation lines indented", () => {
    expect(commandHelp(COMMANDS[1]!)).toContain(
      'Options:\n' +
        '  --since <dir>   the module folder whose drizzle/ holds the migrations so far\n' +
        "  --exact         print drizzle-kit's exact SQL\n" +
        '  --safe          print the MoLOS-safe variant\n' +
        '  --reconcile     as generate --reconcile: also bring the database to the code where they already differ\n' +
        '  --timeout <s>   stop when one file takes longer than <s> seconds to read: exit 2, nothing written\n' +
        `                  (default ${READ_LIMIT_SECONDS}, or MOLOS_SCHEMA_TIMEOUT; 0: no limit)\n`,
    );
    for (const c of COMMANDS) {
      const help = commandHelp(c);
      const listed = [...help.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]);
      expect(listed, c.name).toEqual(c.options.map((o) => o.name));
    }
  });

  it('wraps a long usage under the command, and lists short ones with their summary on one line', () => {
    expect(commandHelp(COMMANDS[0]!)).toMatch(
      /^Usage: molos-schema generate <design\.json> --out <module-dir> \[--layout legacy\|current\] \[--name NAME\]\n {29}\[--exact\|--safe\] \[--reconcile\] \[--accept-loss\] \[--dry-run\] \[--host current\|older\]\n\nPlans the write/,
    );
    expect(mainHelp()).toContain(
      '  sql <design.json> [--since <module-dir>] [--exact|--safe] [--reconcile]\n' +
        "                        print a migration's SQL: the first one as drizzle-kit writes it, or the next one\n",
    );
  });
});

describe('molos-schema without a command, --version and help', () => {
  it('prints the help to stderr and exits 2 when no command is given', async () => {
    expect(await cli([])).toEqual({ code: 2, stdout: '', stderr: mainHelp() });
  });

  it('prints the help to stdout with --help, -h and help', async () => {
    for (const flag of ['--help', '-h', 'help'])
      expect(await cli([flag])).toEqual({ code: 0, stdout: mainHelp(), stderr: '' });
  });

  it("prints a command's help with help <command>, and refuses an unknown one", async () => {
    expect(await cli(['help', 'verify'])).toEqual({ code: 0, stdout: commandHelp(COMMANDS[4]!), stderr: '' });
    const r = await cli(['help', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`molos-schema: unknown command "frobnicate"\n\n${mainHelp()}`);
  });

  it('prints the package version with --version and -v', async () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-v'])
      expect(await cli([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('prints usage errors with the help to stderr and exits 2', async () => {
    const r = await cli(['verify', 'a', 'b']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `molos-schema: verify needs exactly one module folder, got 2\n\n${commandHelp(COMMANDS[4]!)}`.trimEnd() + '\n',
    });
    const unknown = await cli(['check', 'x.json', '--frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^molos-schema: Unknown option '--frob'\n\nUsage: molos-schema check /);
    const other = await cli(['import', 'x.sql', '--since', 'm']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^molos-schema: import does not take --since\n\nUsage: molos-schema import /);
  });
});
