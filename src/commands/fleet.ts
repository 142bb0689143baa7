// `sysprep-doctor fleet <dir>`: one bundle (subfolder or .zip) per machine, analyzed in parallel on
// worker threads; causes ranked by the number of machines they hit.
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { buildFleetReport, fleetExitCode } from '../fleet/aggregate.js';
import { listBundles } from '../fleet/bundles.js';
import { analyzeBundles, autoPoolSize, BYTES_PER_WORKER, defaultPoolSize } from '../fleet/pool.js';
import { FLEET_FORMATS, FLEET_RENDERERS, type FleetFormat } from '../fleet/render.js';
import type { Bundle } from '../fleet/types.js';
import { emit } from '../output.js';
import { truncate } from '../tui/text.js';
import { terminalSafe } from '../util/terminal-safe.js';
import type { CliContext } from './context.js';
import { loadRules } from './load-rules.js';

interface FleetOptions {
  format: FleetFormat;
  output?: string;
  workers?: string;
  rules?: string;
}

export function parseWorkers(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UserError(`--workers ${value}: must be a whole number, 1 or more (1 analyzes in-process)`, EXIT.usage);
  return n;
}

/** `\r[12/26] analyzing NAME…` on an interactive stderr, overwritten in place and cleared at the end. */
function progressLine(stream: NodeJS.WriteStream): { update: (bundle: Bundle, started: number, total: number) => void; clear: () => void } {
  let shown = false;
  return {
    update(bundle, started, total) {
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r${truncate(`[${started}/${total}] analyzing ${terminalSafe(bundle.name)}…`, width)}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

export function fleetCommand(ctx: CliContext): Command {
  return new Command('fleet')
    .description('triage many machines: each subfolder or .zip of <dir> is one machine; causes ranked by machines hit')
    .argument('<dir>', 'a folder holding one bundle per machine (a subfolder or a .zip, named after the machine)')
    .addOption(new Option('--format <format>', 'output format').choices(FLEET_FORMATS).default('text'))
    .option('-o, --output <file>', 'write to a file (written whole or not at all)')
    .option(
      '--workers <n>',
      `worker threads; 1 = none, in-process (default: one per ${BYTES_PER_WORKER / 1024 / 1024} MiB of logs, at most the available parallelism: ${defaultPoolSize()} here)`,
    )
    .option('--rules <dir>', 'also apply the custom rule files of this folder')
    .addHelpText(
      'after',
      `
Exit codes:
  0   no machine failed
  1   at least one machine failed, and a rule names every failure's root cause
  2   usage error
  3   <dir> holds no bundle or cannot be read; or nothing failed but a bundle could not be read
  4   at least one machine failed and no rule explains it

Examples:
  sysprep-doctor fleet ./collected --format html -o fleet.html
  sysprep-doctor fleet ./collected --format csv -o fleet.csv --workers 4
`,
    )
    .action(async (dir: string, options: FleetOptions) => {
      const requested = options.workers === undefined ? undefined : parseWorkers(options.workers);
      const rules = await loadRules(options.rules); // validated here once; each worker loads the folder again
      const bundles = await listBundles(dir);
      const workers = requested ?? (await autoPoolSize(bundles));
      const progress = process.stderr.isTTY ? progressLine(process.stderr) : undefined;
      let machines;
      try {
        ({ machines } = await analyzeBundles(bundles, {
          workers,
          rules,
          rulesDir: options.rules === undefined ? undefined : resolve(options.rules),
          ...(progress ? { onStart: progress.update } : {}),
        }));
      } finally {
        progress?.clear();
      }
      const report = buildFleetReport(machines);
      for (const m of report.machines) for (const p of m.problems) ctx.warn(`${terminalSafe(m.name)}: ${terminalSafe(p.path)}: ${terminalSafe(p.message)}`);
      await emit(FLEET_RENDERERS[options.format](report), options.output);
      ctx.exitCode = fleetExitCode(report);
    });
}
