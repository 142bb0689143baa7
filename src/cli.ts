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
import { EXIT, REPORT_BUG_URL, UserError } from './errors.js';
import { VERSION } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0   no failure in the analyzed run(s)
  1   failure found and a rule names its root cause
  2   usage error (bad option or value)
  3   no log found, or an input could not be read
  4   failure found, but no rule explains it
  70  internal error (a bug: please report it)

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
    warn: (message) => process.stderr.write(`sysprep-doctor: ${message}\n`),
  };
  try {
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
    const message = error instanceof Error ? error.stack ?? error.message : String(error);
    process.stderr.write(`sysprep-doctor: internal error (a bug; please report it at ${REPORT_BUG_URL} with the command you ran):\n${message}\n`);
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

if (isEntryPoint()) {
  // a reader that closes the pipe early (`| head`) is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main().then((code) => {
    process.exitCode = code;
  });
}
