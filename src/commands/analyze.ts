// `sysprep-doctor [analyze] [inputs...]`: read the logs, name the root cause, print one report.
import { stat } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { Analysis } from '../analyze/analysis.js';
import { exitCodeFor, feedSources } from '../analyze/analyze-inputs.js';
import { EXIT, UserError } from '../errors.js';
import { resolveInputs, type ByteSource } from '../input/open-inputs.js';
import { emit, finishWhenStdoutCloses, openOutput, type OutputStream } from '../output.js';
import { renderHtml } from '../report/html.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { eventToNdjson, reportToNdjson } from '../report/ndjson.js';
import { createRedactor } from '../report/redact.js';
import { renderText } from '../report/text.js';
import type { LogEvent, Report } from '../types.js';
import { trapInterrupts } from '../util/interrupt.js';
import { progressBar } from '../util/progress-bar.js';
import { loadRules } from './load-rules.js';
import type { CliContext } from './context.js';

export { analyzeInputs, exitCodeFor, feedSources } from '../analyze/analyze-inputs.js';

export const ANALYZE_FORMATS = ['tui', 'text', 'json', 'ndjson', 'md', 'html'] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

export interface AnalyzeOptions {
  format?: AnalyzeFormat;
  output?: string;
  run: RunSelection;
  redact?: boolean;
  rules?: string;
  color: boolean;
  quiet?: boolean;
}

export type RunSelection = 'all' | 'last' | number;

export function parseRunSelection(value: string): RunSelection {
  if (value === 'all' || value === 'last') return value;
  if (/^\d+$/.test(value)) return Number(value);
  throw new InvalidArgumentError(`'${value}' is not a run: use a run number (0, 1, ...), 'last' or 'all'.`);
}


/** `--run`: keep the selected run's findings (and the verdict of that run). */
export function selectRuns(report: Report, selection: RunSelection): Report {
  if (selection === 'all') return report;
  const run = selection === 'last' ? report.runs[report.runs.length - 1] : report.runs.find((r) => r.index === selection);
  if (!run) throw new UserError(`--run ${selection}: no such run (runs: ${report.runs.map((r) => r.index).join(', ') || 'none'})`, EXIT.usage);
  const findings = report.findings.filter((f) => f.run === run.index);
  const hasRoot = findings.some((f) => f.rootCause);
  return {
    ...report,
    verdict: run.outcome,
    runs: [run],
    findings: hasRoot || run.rootCauseRuleId === null ? findings : findings.map((f) => (f.ruleId === run.rootCauseRuleId ? { ...f, rootCause: true } : f)),
  };
}



/** The whole-report formats: pure functions of the report. */
const RENDERERS: Readonly<Record<Exclude<AnalyzeFormat, 'tui' | 'ndjson'>, (report: Report) => string>> = {
  json: renderJson,
  text: renderText,
  md: renderMarkdown,
  html: renderHtml,
};

export function analyzeCommand(ctx: CliContext): Command {
  return new Command('analyze')
    .description('analyze Panther logs and name the root cause (the default command)')
    .argument('[inputs...]', 'setupact.log / setuperr.log files, folders, .zip bundles, or - for stdin')
    .addOption(new Option('--format <format>', 'output format (default: tui on a terminal, text otherwise)').choices(ANALYZE_FORMATS))
    .option('-o, --output <file>', 'write the report to a file (written whole or not at all)')
    .option('--run <run>', "which run to report: a run number, 'last' or 'all'", parseRunSelection, 'all' as RunSelection)
    .option('--redact', 'replace computer, user and domain names, SIDs, e-mails, IPs and product keys by placeholders')
    .option('--rules <dir>', 'also load the rule files (JSON or YAML) in this folder')
    .option('--no-color', 'no colours (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('-q, --quiet', 'no report on stdout; only the exit code (and errors on stderr)')
    .action(async (inputs: string[], options: AnalyzeOptions) => {
      ctx.exitCode = await runAnalyze(ctx, inputs, options);
    });
}

/** Events kept for the TUI's event browser; the rest of a huge log is counted, not kept. */
const TUI_KEPT_EVENTS = 200_000;

async function runAnalyze(ctx: CliContext, inputs: string[], options: AnalyzeOptions): Promise<number> {
  if (inputs.length === 0) {
    throw new UserError(
      'no input: name the logs to analyze, e.g. `sysprep-doctor C:\\Windows\\System32\\Sysprep\\Panther` or `sysprep-doctor ./ticket-1234.zip`',
      EXIT.noInput,
    );
  }
  const toFile = options.output !== undefined && options.output !== '-';
  if (options.format === 'tui' && toFile) throw new UserError('--format tui cannot be written to a file; use --format text, json, ndjson, md or html with -o', EXIT.usage);
  const rules = await loadRules(options.rules);
  // -o without --format writes the plain text report, never the interactive UI
  const format: AnalyzeFormat = options.format ?? (ctx.interactive && !toFile ? 'tui' : 'text');
  if (format === 'tui' && !ctx.interactive) throw new UserError('--format tui needs an interactive terminal; use --format text', EXIT.usage);
  // a reader that stops early (`| head`) ends the output, not the analysis: the exit code still tells the verdict
  finishWhenStdoutCloses();
  let out: OutputStream | undefined;
  let ui: { close(): void; readonly done: Promise<void> } | undefined;
  // Ctrl-C: close the UI (the terminal restored), drop the half-written output, exit 130
  const release = trapInterrupts(async () => {
    ui?.close();
    await Promise.all([ui?.done.catch(() => undefined), out?.abort()]);
  }, ctx.warn);
  try {
    // the output file is opened before the analysis: an unwritable path fails at once, not after a long read
    if (!options.quiet && format !== 'tui' && (format === 'ndjson' || toFile)) out = await openOutput(options.output);
    return await analyzeAndReport(ctx, inputs, options, rules, format, out, (handle) => {
      ui = handle;
    });
  } catch (error) {
    await out?.abort();
    throw error;
  } finally {
    release();
  }
}

async function analyzeAndReport(
  ctx: CliContext,
  inputs: string[],
  options: AnalyzeOptions,
  rules: Awaited<ReturnType<typeof loadRules>>,
  format: AnalyzeFormat,
  out: OutputStream | undefined,
  showing: (ui: { close(): void; readonly done: Promise<void> }) => void,
): Promise<number> {
  const redactor = options.redact ? createRedactor() : undefined;
  const paths: string[] = [];
  const writeEvent = (event: LogEvent) => {
    const e = redactor ? { ...event, message: redactor.redactText(event.message), text: redactor.redactText(event.text) } : event;
    const path = paths[event.source] ?? '';
    out!.write(eventToNdjson(e, { sourcePath: redactor ? redactor.redactText(path) : path, ...(event.run === undefined ? {} : { runIndex: event.run }) }) + '\n');
  };
  // --redact learns the identifiers of every line of the log, not only of the lines a report shows: a
  // name is known to be a computer name only where the log says so (`ComputerName = BLDHOST7`), and
  // must be replaced where evidence shows it bare. ndjson then holds its events to the end instead of
  // streaming them, so that a name revealed late is replaced in the lines before it too.
  const heldEvents: LogEvent[] = [];
  const streaming = out !== undefined && format === 'ndjson';
  const onEvent = redactor
    ? (event: LogEvent) => {
        redactor.learn(event.text);
        if (streaming) heldEvents.push(event);
      }
    : streaming
      ? writeEvent
      : undefined;
  const { sources, problems } = await resolveInputs(inputs);
  paths.push(...sources.map((s) => s.path));
  const analysis = new Analysis({ rules, keepEvents: format === 'tui' ? TUI_KEPT_EVENTS : 0, ...(onEvent ? { onEvent } : {}) });
  for (const problem of problems) analysis.addProblem(problem);
  // inputs that take over a second to read get a progress bar on a terminal's stderr
  const bar = progressBar(process.stderr, await totalFileBytes(sources));
  let readable: number;
  try {
    readable = await feedSources(analysis, sources, (bytes) => bar.advance(bytes));
  } finally {
    bar.clear();
  }
  const result = analysis.result();
  for (const problem of result.report.problems) ctx.warn(`${problem.path}: ${problem.message}`);
  if (readable === 0) {
    await out?.abort();
    ctx.warn('no input could be read');
    return EXIT.noInput;
  }
  // An empty file is no error (a clean run leaves setuperr.log empty), but one named on the command
  // line gets a word; when every input is empty there is no log at all: exit 3, as for no input.
  const empty = new Set(result.report.sources.filter((s) => s.bytes === 0).map((s) => s.path));
  const problemPaths = new Set(result.report.problems.map((p) => p.path));
  const readSources = sources.filter((s) => !problemPaths.has(s.path));
  const allEmpty = readSources.length > 0 && readSources.every((s) => empty.has(s.path));
  for (const source of readSources) {
    if (empty.has(source.path) && (allEmpty || source.explicit)) ctx.warn(`${source.path}: empty (0 bytes), nothing to analyze`);
  }
  if (allEmpty) {
    await out?.abort();
    return EXIT.noInput;
  }
  let report = selectRuns(result.report, options.run);
  if (redactor) report = redactor.redactReport(report);
  const exitCode = exitCodeFor(report, readable);
  if (options.quiet) return exitCode;
  if (format === 'tui') {
    const events = redactor ? result.events.map((e) => ({ ...e, message: redactor.redactText(e.message), text: redactor.redactText(e.text) })) : result.events;
    // ink and react cost ~0.45 s of start-up: loaded only when the UI is shown
    const { startTui } = await import('../tui/run-tui.js');
    const ui = startTui({ report, events }, { noColor: !options.color || Boolean(process.env.NO_COLOR) });
    showing(ui);
    await ui.done;
  } else if (format === 'ndjson') {
    for (const event of heldEvents) writeEvent(event);
    out!.write(reportToNdjson(report));
    await out!.commit();
  } else if (out) {
    out.write(RENDERERS[format](report));
    await out.commit();
  } else {
    await emit(RENDERERS[format](report), options.output);
  }
  return exitCode;
}

/** The bytes of the inputs that are files on disk (zip entries and stdin are counted as they come). */
async function totalFileBytes(sources: readonly ByteSource[]): Promise<number> {
  const sizes = await Promise.all(sources.map((s) => (s.file === undefined ? 0 : stat(s.file).then((info) => info.size, () => 0))));
  return sizes.reduce((a, b) => a + b, 0);
}
