// `sysprep-doctor watch [paths...]` (alias `tail`): follow Panther logs while sysprep writes them,
// through the same decode → lines → events → runs → rules path as `analyze`, and fail fast.
import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { Analysis, type SourceFeed } from '../analyze/analysis.js';
import { flavorFromName, roleFromPath } from '../analyze/roles.js';
import { EXIT, UserError } from '../errors.js';
import { findLogs } from '../input/open-inputs.js';
import { eventToNdjson, findingToNdjson } from '../report/ndjson.js';
import { defaultPantherTargets, followLogs } from '../tail/follow.js';
import type { TuiHandle } from '../tui/run-tui.js';
import type { Finding, LogEvent, Report, RunInfo } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { exitCodeFor } from './analyze.js';
import type { CliContext } from './context.js';
import { loadRules } from './load-rules.js';

export const WATCH_FORMATS = ['tui', 'text', 'ndjson'] as const;
type WatchFormat = (typeof WATCH_FORMATS)[number];

interface WatchOptions {
  format?: WatchFormat;
  exitOnFailure?: boolean;
  exitOnSuccess?: boolean;
  timeout?: number;
  rules?: string;
  poll?: boolean | number;
  color: boolean;
}

/** `90s`, `30m`, `1h`, `1h30m`, `500ms`, or plain seconds. */
export function parseDuration(value: string): number {
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined !== text) {
    throw new InvalidArgumentError(`'${value}' is not a duration: use e.g. 90s, 30m, 1h or 1h30m.`);
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return parts.reduce((ms, p) => ms + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

function parsePoll(value: string | undefined): number {
  if (value === undefined) return 250;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10) throw new InvalidArgumentError(`'${value}' is not a poll interval: use milliseconds ≥ 10.`);
  return n;
}

/** Evaluation of new data is batched: at most this often (ms). */
const CHECK_INTERVAL_MS = 40;
/** If the logs that existed at start cannot all be read, history is taken anyway after this long. */
const HISTORY_FALLBACK_MS = 5000;

/** Sizes of the logs that exist before watching starts, by real path (the follower reports real paths). */
async function existingLogSizes(targets: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (!info) continue;
    const files = info.isDirectory() ? await findLogs(target, []) : [target];
    for (const file of files) {
      const [real, fileInfo] = await Promise.all([realpath(file).catch(() => file), stat(file).catch(() => undefined)]);
      if (fileInfo?.isFile() && fileInfo.size > 0) sizes.set(real, fileInfo.size);
    }
  }
  return sizes;
}
const TUI_KEPT_EVENTS = 200_000;
/** A failure without its WinMain summary yet: wait this long for more of the cascade before exiting. */
const CASCADE_QUIET_MS = 1000;

/** The WinMain summary (pre-validate / processing) is the last line of a sysprep failure cascade. */
function summaryLogged(run: RunInfo): boolean {
  return run.failure?.stage === 'pre-validate' || run.failure?.stage === 'processing' || run.kind !== 'sysprep';
}

export function watchCommand(ctx: CliContext): Command {
  return new Command('watch')
    .alias('tail')
    .description('follow Panther logs live (files that do not exist yet, truncation, replacement); fail fast in pipelines')
    .argument('[paths...]', 'files or folders to follow (default on Windows: the machine\'s Panther folders)')
    .addOption(new Option('--format <format>', 'tui on a terminal, otherwise text; ndjson streams events and findings').choices(WATCH_FORMATS))
    .option('--exit-on-failure', 'exit as soon as a run fails: 1 with the root cause as one line, 4 when no rule explains it')
    .option('--exit-on-success', 'exit 0 as soon as a run succeeds')
    .option('--timeout <duration>', 'stop waiting after this long (90s, 30m, 1h); exits 3 if no log appeared, 4 if --exit-on-success was waiting', parseDuration)
    .option('--rules <dir>', 'also load the rule files (JSON or YAML) in this folder')
    .option('--poll [ms]', 'poll the files instead of OS events (network shares, some VMs)', parsePoll)
    .option('--no-color', 'no colours')
    .action(async (paths: string[], options: WatchOptions) => {
      ctx.exitCode = await runWatch(ctx, paths, options);
    });
}

/** How `text` names a file: its path below the followed folder it is in, else its file name. */
export function displayName(targets: readonly string[], path: string): string {
  for (const target of targets) {
    const below = relative(resolve(target), path);
    if (below !== '' && !below.startsWith('..') && !isAbsolute(below)) return below;
  }
  return basename(path);
}

/**
 * The events the live UI shows: the latest `limit` of them, in arrival order. A snapshot is a new
 * array when something changed, so the UI sees new events even though they arrive one by one.
 */
export class LiveEvents {
  private events: LogEvent[] = [];
  private last: readonly LogEvent[] = [];
  private changed = false;

  constructor(private readonly limit: number) {}

  push(event: LogEvent): void {
    this.events.push(event);
    // Dropped a quarter at a time, so that a long run costs no shift per event.
    if (this.events.length > this.limit) this.events = this.events.slice(-Math.floor(this.limit * 0.75));
    this.changed = true;
  }

  /** Forgets the events of source number `source` (its file was truncated, replaced or deleted). */
  dropSource(source: number): void {
    if (source < 0) return;
    const kept = this.events.filter((e) => e.source !== source);
    if (kept.length === this.events.length) return;
    this.events = kept;
    this.changed = true;
  }

  snapshot(): readonly LogEvent[] {
    if (this.changed) {
      this.last = this.events.slice();
      this.changed = false;
    }
    return this.last;
  }
}

function findingKey(f: Finding): string {
  return `${f.run}\u0000${f.ruleId}\u0000${f.culprit ?? ''}`;
}

async function runWatch(ctx: CliContext, paths: string[], options: WatchOptions): Promise<number> {
  const targets = paths.length > 0 ? paths : defaultPantherTargets();
  if (targets.length === 0) {
    throw new UserError('watch: name the files or folders to follow, e.g. `sysprep-doctor watch C:\\Windows\\System32\\Sysprep\\Panther`', EXIT.noInput);
  }
  const rules = await loadRules(options.rules);
  const format: WatchFormat = options.format ?? (ctx.interactive ? 'tui' : 'text');
  if (format === 'tui' && !ctx.interactive) throw new UserError('--format tui needs an interactive terminal; use --format text or ndjson', EXIT.usage);

  const out = (line: string) => void process.stdout.write(line + '\n');
  const sourcePaths: string[] = [];
  const shown = new LiveEvents(TUI_KEPT_EVENTS);
  const names = new Map<string, string>();
  const nameOf = (path: string): string => {
    let name = names.get(path);
    if (name === undefined) names.set(path, (name = terminalSafe(displayName(targets, path))));
    return name;
  };
  const onEvent: (event: LogEvent) => void =
    format === 'ndjson'
      ? (event) =>
          out(eventToNdjson(event, { sourcePath: sourcePaths[event.source] ?? '', ...(event.run === undefined ? {} : { runIndex: event.run }) }))
      : format === 'text'
        ? (event) => out(`${nameOf(sourcePaths[event.source] ?? '')}:${event.line}  ${terminalSafe(event.text)}`)
        : (event) => shown.push(event);
  // The UI keeps its own list of events (the latest ones, none of a file's content before it was truncated or replaced).
  const analysis = new Analysis({ rules, onEvent });
  const unreadHistory = await existingLogSizes(targets);
  const delivered = new Map<string, number>();
  const follower = followLogs(targets, options.poll === undefined ? {} : { poll: options.poll === true ? 250 : options.poll });
  const feeds = new Map<string, SourceFeed>();
  const reported = new Set<string>();
  let history: Map<number, string> | null = null;
  let lastVerdictLine = '';
  let sawLog = false;
  let exitCode: number | null = null;
  let ui: TuiHandle | undefined;
  /** The next batched evaluation of new data. */
  let timer: NodeJS.Timeout | undefined;
  /** A failure is waiting for its cascade to end: evaluate again once the log has been quiet this long. */
  let quietTimer: NodeJS.Timeout | undefined;
  let dirty = false;
  let lastDataAt = 0;

  const stop = (code: number) => {
    if (exitCode !== null) return;
    exitCode = code;
    void follower.close();
    ui?.close();
  };

  const evaluate = () => {
    if (!dirty || exitCode !== null) return;
    dirty = false;
    const { report } = analysis.result();
    if (ui) ui.update({ report, events: shown.snapshot(), following: true, watching: targets });
    if (format !== 'tui') announce(report);
    if (history === null) return; // still reading what was there before we started
    // runs already finished when watching began are history, not this build's outcome
    const latest = report.runs[report.runs.length - 1];
    if (!latest || history.get(latest.index) === latest.outcome) return;
    const quietFor = Date.now() - lastDataAt;
    if (options.exitOnFailure && latest.outcome === 'failed' && !summaryLogged(latest) && quietFor < CASCADE_QUIET_MS) {
      // The cascade is still being written: wait for its summary line (new data is evaluated as
      // usual, CHECK_INTERVAL_MS after it arrives), or for the log to go quiet.
      dirty = true;
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => {
        quietTimer = undefined;
        dirty = true;
        evaluate();
      }, CASCADE_QUIET_MS - quietFor);
      return;
    }
    if (options.exitOnFailure && latest.outcome === 'failed') {
      const code = report.findings.some((f) => f.rootCause) ? EXIT.failureExplained : EXIT.failureUnexplained;
      if (format !== 'ndjson') ctx.warn(`run failed: ${terminalSafe(report.summary)}`);
      else out(JSON.stringify({ type: 'exit', code, verdict: report.verdict, summary: report.summary }));
      stop(code);
    } else if (options.exitOnSuccess && latest.outcome === 'succeeded') {
      if (format !== 'ndjson') ctx.warn(`run succeeded: ${terminalSafe(report.summary)}`);
      else out(JSON.stringify({ type: 'exit', code: EXIT.ok, verdict: report.verdict, summary: report.summary }));
      stop(EXIT.ok);
    }
  };

  const announce = (report: Report) => {
    for (const finding of report.findings) {
      if (finding.role === 'noise' || reported.has(findingKey(finding))) continue;
      reported.add(findingKey(finding));
      if (format === 'ndjson') out(findingToNdjson(finding));
      else out(`finding: ${finding.ruleId}${finding.culprit ? ` — ${terminalSafe(finding.culprit)}` : ''} (run #${finding.run})`);
    }
    const verdictLine = `${report.verdict}: ${report.summary}`;
    if (verdictLine !== lastVerdictLine) {
      lastVerdictLine = verdictLine;
      if (format === 'ndjson') out(JSON.stringify({ type: 'verdict', verdict: report.verdict, summary: report.summary }));
      else if (report.sources.length === 0) out(`waiting for logs in ${targets.map((t) => terminalSafe(t)).join(', ')}`);
      else out(`verdict: ${terminalSafe(verdictLine)}`);
    }
  };

  const schedule = () => {
    dirty = true;
    timer ??= setTimeout(() => {
      timer = undefined;
      evaluate();
    }, CHECK_INTERVAL_MS);
  };

  // What the logs already held when watching began is history: snapshot the runs once it has been read.
  const takeHistory = () => {
    if (history !== null) return;
    history = new Map(analysis.result().report.runs.map((r) => [r.index, r.outcome]));
    dirty = true;
    evaluate();
  };
  if (unreadHistory.size === 0) takeHistory();
  const historyFallback = setTimeout(takeHistory, HISTORY_FALLBACK_MS);
  const deadline = options.timeout === undefined ? undefined : setTimeout(() => {
    if (!sawLog) {
      ctx.warn(`timed out after ${options.timeout! / 1000}s: no log appeared`);
      stop(EXIT.noInput);
      return;
    }
    const { report } = analysis.result();
    const code = options.exitOnSuccess && report.verdict !== 'succeeded' ? EXIT.failureUnexplained : exitCodeFor(report, 1);
    ctx.warn(`timed out after ${options.timeout! / 1000}s; verdict: ${report.verdict}`);
    stop(code);
  }, options.timeout);

  if (format === 'tui') {
    const { startTui } = await import('../tui/run-tui.js'); // loaded only when the UI is shown
    ui = startTui({ report: analysis.result().report, events: [], following: true, watching: targets }, { noColor: !options.color || Boolean(process.env.NO_COLOR) });
    void ui.done.then(() => stop(exitCode ?? exitCodeFor(analysis.result().report, sawLog ? 1 : 0)));
  }
  const onSignal = () => stop(exitCodeFor(analysis.result().report, sawLog ? 1 : 0));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for await (const event of follower) {
      switch (event.type) {
        case 'open':
          sawLog = true;
          if (!feeds.has(event.path)) {
            sourcePaths.push(event.path);
            feeds.set(event.path, analysis.addSource(event.path, roleFromPath(event.path), flavorFromName(event.path)));
          }
          break;
        case 'data': {
          lastDataAt = Date.now();
          feeds.get(event.path)?.push(event.bytes);
          const total = (delivered.get(event.path) ?? 0) + event.bytes.length;
          delivered.set(event.path, total);
          if (unreadHistory.has(event.path) && total >= unreadHistory.get(event.path)!) {
            unreadHistory.delete(event.path);
            if (unreadHistory.size === 0) takeHistory();
          }
          schedule();
          break;
        }
        case 'reset': {
          delivered.delete(event.path);
          if (unreadHistory.delete(event.path) && unreadHistory.size === 0) takeHistory();
          const feed = feeds.get(event.path);
          if (feed) feeds.set(event.path, analysis.restartSource(feed));
          shown.dropSource(sourcePaths.indexOf(event.path));
          if (format === 'text') out(`${terminalSafe(event.path)}: ${event.reason}; reading it again from the start`);
          schedule();
          break;
        }
        case 'error':
          ctx.warn(`${event.path}: ${event.message}`);
          break;
      }
      if (exitCode !== null) break;
    }
  } finally {
    clearTimeout(timer);
    clearTimeout(quietTimer);
    if (deadline) clearTimeout(deadline);
    clearTimeout(historyFallback);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await follower.close();
    if (ui) {
      ui.close();
      await ui.done.catch(() => undefined);
    }
  }
  return exitCode ?? exitCodeFor(analysis.result().report, sawLog ? 1 : 0);
}
