#!/usr/bin/env node
// The command line: commander wiring, and the only place that turns results and errors into an exit code.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { analyzeCommand } from './commands/analyze.js';
import type { CliContext } from './commands/context.js';
import { explainCommand } from './commands/explain.js';
import { fleetCommand } from './commands/fleet.js';
import { rulesCommand } from './commands/rules.js';
import { watchCommand } from './commands/watch.js';
import { EXIT, internalErrorMessage, UserError } from './errors.js';
import { installStdoutGuard } from './output.js';
import { terminalSafe } from './util/terminal-safe.js';
import { VERSION } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0   no failure in the analyzed run(s)
  1   failure found and a rule names its root cause
  2   usage error (bad option or value)
  3   no log found, or an input could not be read
  4   failure found, but no rule explains it
  70  internal error (a bug: please report it)
  130 interrupted (Ctrl-C; 143 for SIGTERM)

Examples:
  sysprep-doctor C:\\Windows\\System32\\Sysprep\\Panther
  sysprep-doctor ./ticket-1234.zip --format md -o report.md
  sysprep-doctor setupact.log setuperr.log --format json
  sysprep-doctor explain 0x80073CF2
  sysprep-doctor rules show appx-installed-not-provisioned`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('sysprep-doctor')
    .description('Reads Windows Panther logs (setupact.log, setuperr.log) and names the root cause of a failed sysprep run.')
    .version(VERSION, '--version', 'print the version')
    .addHelpText('after', EXIT_CODES_HELP)
    .showSuggestionAfterError(true);
  program.addCommand(analyzeCommand(ctx), { isDefault: true });
  program.addCommand(explainCommand(ctx));
  program.addCommand(fleetCommand(ctx));
  program.addCommand(rulesCommand(ctx));
  program.addCommand(watchCommand(ctx));
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

function isInteractive(): boolean {
  return Boolean(process.stdout.isTTY) && !inCi();
}

/** The same test ink makes: under CI it draws only the last frame, so the TUI is no use there. */
function inCi(): boolean {
  const set = (key: string): boolean => key in process.env && process.env[key] !== '0' && process.env[key] !== 'false';
  return set('CI') || set('CONTINUOUS_INTEGRATION');
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const ctx: CliContext = {
    exitCode: EXIT.ok,
    interactive: isInteractive(),
    // messages name paths and archive entries, which come from the input: no raw control character
    warn: (message) => process.stderr.write(`sysprep-doctor: ${terminalSafe(message)}\n`),
  };
  try {
    // A documented test hook: proves that an unexpected error (a bug) exits 70 with the report URL.
    if (process.env.SYSPREP_DOCTOR_CRASH_TEST === '1') throw new Error('crash test requested by SYSPREP_DOCTOR_CRASH_TEST=1');
    await buildProgram(ctx).parseAsync([...argv]);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage; // commander already printed the one-line reason
    }
    if (error instanceof UserError) {
      ctx.warn(error.message);
      return error.exitCode;
    }
    process.stderr.write(internalErrorMessage(error));
    return EXIT.internal;
  }
}

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs the command line as the process: exit code, stdout guard, crash handler (bin.ts, or this file run directly). */
export function runAsCommand(): void {
  // a reader that closes the pipe early (`| head`) is not an error; any other stdout failure is one line
  installStdoutGuard();
  // whatever escapes main() (an error in an event handler, a rejected promise nobody awaited) is a
  // bug too: the same one-line message and exit 70, never Node's stack dump
  const crash = (error: unknown): void => {
    process.stderr.write(internalErrorMessage(error));
    process.exit(EXIT.internal);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  main().then((code) => {
    process.exitCode = code;
  }, crash);
}

if (isEntryPoint()) runAsCommand();
